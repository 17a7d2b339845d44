package dev.scheduling.app.calendar;

import dev.scheduling.app.eventstore.EventStoreUnavailableException;
import dev.scheduling.app.eventstore.EventStoreOutages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends calendar commands (and visits' commands, which change several calendars at once) with their metadata and
 * waits for the outcome. Within one node Axon serialises the commands of one calendar; across nodes the event store's unique (calendar, sequence) key lets exactly one append
 * win, and the loser is retried here on the calendar's new state, which either accepts it or refuses it by the
 * rules (an overlap, say). It never stores an overlap, whoever wins.
 */
public class CalendarCommands {

    private static final Logger log = LoggerFactory.getLogger(CalendarCommands.class);
    private static final String DEADLOCK_DETECTED = "40P01";
    /** A command this slow is worth a line in the log, with how many attempts it took. */
    private static final long SLOW_MILLIS = 2_000;

    private final CommandGateway gateway;
    private final EventStoreOutages outages;
    private final int maxAttempts;
    private final Counter lostRaces;

    public CalendarCommands(CommandGateway gateway, EventStoreOutages outages, int maxAttempts, MeterRegistry meters) {
        this.gateway = gateway;
        this.outages = outages;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.lostRaces = Counter.builder("scheduling.commands.lost.races")
                                .description("Commands whose append lost a race for their calendar and were retried")
                                .register(meters);
    }

    /**
     * Sends the command and waits for its outcome, retried while it loses races for its calendar. The event store
     * being unreachable is {@link dev.scheduling.app.eventstore.EventStoreUnavailableException}.
     */
    public <R> R send(Object command, RequestMetadata metadata) {
        long asked = System.nanoTime();
        return outages.call(() -> CalendarLocks.inTurnSince(asked, () -> sendRetryingLostRaces(command, metadata)));
    }

    /**
     * Sends a command that acts only on a calendar that exists (one without a creation handler): {@code false}, and
     * nothing written, when there is no such calendar.
     */
    public boolean sendToExisting(Object command, RequestMetadata metadata) {
        try {
            send(command, metadata);
            return true;
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof AggregateNotFoundException) {
                return false;
            }
            throw e;
        }
    }

    private <R> R sendRetryingLostRaces(Object command, RequestMetadata metadata) {
        return sendRetryingLostRaces(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata.toMetaData()));
    }

    private <R> R sendRetryingLostRaces(CommandMessage<?> message) {
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                R outcome = gateway.sendAndWait(message);
                long millis = (System.nanoTime() - started) / 1_000_000;
                if (millis >= SLOW_MILLIS) {
                    log.warn("{} took {} ms in {} attempt(s)", message.getPayloadType().getSimpleName(), millis, attempt);
                }
                return outcome;
            } catch (RuntimeException e) {
                if (waitedTooLong(e)) {
                    throw new CalendarContentionException(attempt, e); // it waited long enough for its turn already
                }
                if (!lostRace(e)) {
                    throw e;
                }
                lostRaces.increment();
                if (attempt >= maxAttempts) {
                    throw new CalendarContentionException(attempt, e);
                }
                log.debug("{} lost a race for its calendar (attempt {}), retrying", message.getPayloadType(), attempt);
                backOff(attempt);
            }
        }
    }

    /**
     * Whether the failure is a lost race for an aggregate's next event (another writer appended first), or a
     * transaction PostgreSQL rolled back to break a deadlock: either way nothing was written, and the command is tried
     * again on fresh state. (Visits append their calendars in id order, so no deadlock is expected; should one
     * happen, through some other lock, it is retried like a lost race.)
     */
    public static boolean lostRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                    || cause instanceof SQLException sql && DEADLOCK_DETECTED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean waitedTooLong(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LockAcquisitionFailedException) {
                return true;
            }
        }
        return false;
    }

    private static void backOff(int attempt) {
        long maxMillis = Math.min(100, 5L << Math.min(attempt, 5));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, maxMillis + 1) * 1_000_000L);
    }
}
