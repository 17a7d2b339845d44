package dev.scheduling.projections.appointments;

import dev.scheduling.domain.calendar.AppointmentBooked;
import dev.scheduling.domain.calendar.AppointmentCancelled;
import dev.scheduling.domain.calendar.AppointmentRescheduled;
import dev.scheduling.domain.calendar.AppointmentStatus;
import dev.scheduling.domain.calendar.PersonalDataErased;
import dev.scheduling.domain.calendar.ReminderSent;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.projections.dynamodb.OutageRetry;
import dev.scheduling.projections.dynamodb.UtcInstants;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Projects calendar events into the {@code appointments} table. Every write is conditional on the event's sequence
 * number, so redelivered, replayed or out-of-date events change nothing. A failed write fails the event, which the
 * processor retries: nothing is skipped while DynamoDB is unreachable. The writes of a batch of events are made
 * together when the batch commits, an appointment's changes folded into one write, appointments in parallel, and
 * in a replay (from an empty table) in BatchWriteItem calls ({@link BatchWrites}).
 */
@ProcessingGroup(AppointmentsProjection.NAME)
public class AppointmentsProjection {

    public static final String NAME = "appointments";
    private static final Logger log = LoggerFactory.getLogger(AppointmentsProjection.class);
    /** Writes in flight at once, over all of the processor's segments. */
    private static final int WRITERS = 16;

    private final AppointmentTable table;
    private final PersonalFields personalFields;
    private final OutageRetry retry;
    private final Clock clock;
    private final Timer lag;
    private final ExecutorService writers = writers();

    /**
     * @param personalFields seals titles and locations before they are written
     * @param retry          how writes are retried while DynamoDB is unreachable
     */
    public AppointmentsProjection(AppointmentTable table, PersonalFields personalFields, OutageRetry retry, Clock clock,
                                  MeterRegistry meters) {
        this.table = table;
        this.personalFields = personalFields;
        this.retry = retry;
        this.clock = clock;
        this.lag = Timer.builder("scheduling.projection.lag")
                        .description("From an event's timestamp to its write into the read model (not during replays)")
                        .tag("projection", NAME)
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .register(meters);
    }

    @EventHandler
    void on(AppointmentBooked event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        AppointmentItem item = new AppointmentItem();
        item.setAppointmentId(event.appointmentId().toString());
        item.setUserId(event.userId().toString());
        setSlot(item, event.slot());
        item.setStatus(AppointmentStatus.BOOKED.name());
        PersonalFields.Texts sealed = personalFields.seal(event.userId().toString(),
                new PersonalFields.Texts(event.details().title(), event.details().location()));
        item.setTitle(sealed.title());
        item.setLocation(sealed.location());
        item.setTimeZone(event.details().timeZone().getId());
        item.setRemindersSent(List.of());
        item.setCreatedAt(UtcInstants.format(at));
        item.setUpdatedAt(UtcInstants.format(at));
        item.setVersion(sequence);
        write(at, replay, batch -> batch.put(item, replay.isReplay()), () -> table.putIfNewer(item));
    }

    @EventHandler
    void on(AppointmentRescheduled event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        AppointmentItem changes = changes(event.appointmentId().toString(), sequence, at);
        setSlot(changes, event.newSlot());
        write(at, replay, batch -> change(batch, changes, item -> setSlot(item, event.newSlot()), () -> update(changes)),
                () -> update(changes));
    }

    @EventHandler
    void on(AppointmentCancelled event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        AppointmentItem changes = changes(event.appointmentId().toString(), sequence, at);
        changes.setStatus(AppointmentStatus.CANCELLED.name());
        write(at, replay, batch -> change(batch, changes, item -> item.setStatus(AppointmentStatus.CANCELLED.name()),
                () -> update(changes)), () -> update(changes));
    }

    @EventHandler
    void on(ReminderSent event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        AppointmentItem changes = changes(event.appointmentId().toString(), sequence, at);
        Runnable alone = () -> table.addReminderIfNewer(changes.getAppointmentId(), event.reminderId(), sequence,
                changes.getUpdatedAt());
        write(at, replay, batch -> change(batch, changes, item -> AppointmentTable.addReminder(item, event.reminderId()), alone),
                alone);
    }

    /** The user's personal data was erased: the read model forgets the titles and locations it copied. */
    @EventHandler
    void on(PersonalDataErased event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        List<AppointmentItem> erased = event.appointmentIds().stream().map(id -> changes(id.toString(), sequence, at)).toList();
        write(at, replay, batch -> erased.forEach(changes -> change(batch, changes, AppointmentTable::forgetPersonalData,
                        () -> forgetPersonalData(changes))),
                () -> erased.forEach(this::forgetPersonalData));
    }

    /** A replay rewrites the whole table, so it starts from an empty one: damage is repaired, not preserved. */
    @ResetHandler
    void clearBeforeReplay() {
        int deleted = table.deleteAll();
        log.info("Cleared {} items from the read model before replaying it", deleted);
    }

    /**
     * An event's writes: into the batch of the processor's unit of work ({@link BatchWrites}), made when it commits;
     * at once by {@code alone} where there is no unit of work.
     */
    private void write(Instant at, ReplayStatus replay, Consumer<BatchWrites> inBatch, Runnable alone) {
        Optional<BatchWrites> batch = BatchWrites.startOrJoin(table, writers, retry);
        if (batch.isPresent()) {
            inBatch.accept(batch.get());
            batch.get().afterWrite(() -> recordLag(at, replay));
            batch.get().writeIfLastOfBatch();
        } else {
            alone.run();
            recordLag(at, replay);
        }
    }

    private static void change(BatchWrites batch, AppointmentItem changes, Consumer<AppointmentItem> change, Runnable alone) {
        batch.change(changes.getAppointmentId(), changes.getVersion(), changes.getUpdatedAt(), change, alone);
    }

    private void forgetPersonalData(AppointmentItem changes) {
        table.forgetPersonalDataIfNewer(changes.getAppointmentId(), changes.getVersion(), changes.getUpdatedAt());
    }

    private void update(AppointmentItem changes) {
        if (!table.updateIfNewer(changes)) {
            log.debug("Skipped {}: missing, or already at this version or later", changes);
        }
    }

    /** Threads that write a batch's appointments in parallel; idle ones end after a minute. */
    private static ExecutorService writers() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WRITERS, WRITERS, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "appointments-writer-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static AppointmentItem changes(String appointmentId, long sequence, Instant at) {
        AppointmentItem changes = new AppointmentItem();
        changes.setAppointmentId(appointmentId);
        changes.setUpdatedAt(UtcInstants.format(at));
        changes.setVersion(sequence);
        return changes;
    }

    private static void setSlot(AppointmentItem item, TimeSlot slot) {
        item.setStart(UtcInstants.format(slot.start()));
        item.setEnd(UtcInstants.format(slot.end()));
    }

    private void recordLag(Instant eventTime, ReplayStatus replay) {
        if (!replay.isReplay()) {
            lag.record(Duration.between(eventTime, clock.instant()));
        }
    }
}
