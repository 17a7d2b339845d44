package dev.scheduling.app.group;

import dev.scheduling.app.calendar.CalendarCommands;
import dev.scheduling.domain.group.ProcessCommands;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.messaging.MetaData;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The booking process's commands, each handled on a thread of its own pool, outside the event's unit of work and
 * transaction. Sent from the event's thread, a command would join the processor's transaction: its events would be
 * written only when the whole event is done, holding every calendar's next sequence number until then, and a race
 * lost on any calendar (another node wrote first) would abort the transaction and fail the event, to be tried again
 * after the processor's back-off. On its own, each command commits at once and a lost race is tried again at once on
 * the calendar's new state ({@link CalendarCommands}). The process's steps may all be repeated, so an event handled
 * again after a failure half-way changes nothing twice.
 */
class CommandsOnTheirOwn implements ProcessCommands {

    private final CalendarCommands commands;
    private final ExecutorService threads;

    CommandsOnTheirOwn(CalendarCommands commands, int threads) {
        this.commands = commands;
        this.threads = Executors.newFixedThreadPool(threads, new AxonThreadFactory("group-booking-commands"));
    }

    /** Lets the commands under way finish; takes no more. */
    void close() {
        threads.shutdown();
    }

    @Override
    public Object send(Object command, MetaData metaData) {
        Future<Object> outcome = threads.submit(() -> commands.send(command, metaData));
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            outcome.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + command.getClass().getSimpleName(), e);
        }
    }
}
