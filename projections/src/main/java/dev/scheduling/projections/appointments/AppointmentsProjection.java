package dev.scheduling.projections.appointments;

import dev.scheduling.domain.calendar.AppointmentBooked;
import dev.scheduling.domain.calendar.AppointmentCancelled;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.AppointmentRescheduled;
import dev.scheduling.domain.calendar.AppointmentStatus;
import dev.scheduling.domain.calendar.PersonalDataErased;
import dev.scheduling.domain.calendar.ReminderSent;
import dev.scheduling.domain.calendar.TimeSlot;
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
import java.util.function.Consumer;

/**
 * Projects calendar events into the {@code appointments} table. Every write is conditional on the event's sequence
 * number, so redelivered, replayed or out-of-date events change nothing. A failed write fails the event, which the
 * processor retries: nothing is skipped while DynamoDB is unreachable. A replay, which starts from an empty table,
 * writes each batch's appointments at once when the batch commits ({@link ReplayBatch}).
 */
@ProcessingGroup(AppointmentsProjection.NAME)
public class AppointmentsProjection {

    public static final String NAME = "appointments";
    private static final Logger log = LoggerFactory.getLogger(AppointmentsProjection.class);

    private final AppointmentTable table;
    private final Clock clock;
    private final Timer lag;

    public AppointmentsProjection(AppointmentTable table, Clock clock, MeterRegistry meters) {
        this.table = table;
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
        item.setTitle(event.details().title());
        item.setLocation(event.details().location());
        item.setTimeZone(event.details().timeZone().getId());
        item.setRemindersSent(List.of());
        item.setCreatedAt(UtcInstants.format(at));
        item.setUpdatedAt(UtcInstants.format(at));
        item.setVersion(sequence);
        Optional<ReplayBatch> batch = replay.isReplay() ? ReplayBatch.startOrJoin(table)
                : ReplayBatch.current().filter(held -> held.holds(item.getAppointmentId()));
        batch.ifPresentOrElse(held -> held.put(item), () -> table.putIfNewer(item));
        recordLag(at, replay);
    }

    @EventHandler
    void on(AppointmentRescheduled event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        AppointmentItem changes = changes(event.appointmentId().toString(), sequence, at);
        setSlot(changes, event.newSlot());
        change(changes, item -> setSlot(item, event.newSlot()), () -> update(changes));
        recordLag(at, replay);
    }

    @EventHandler
    void on(AppointmentCancelled event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        AppointmentItem changes = changes(event.appointmentId().toString(), sequence, at);
        changes.setStatus(AppointmentStatus.CANCELLED.name());
        change(changes, item -> item.setStatus(AppointmentStatus.CANCELLED.name()), () -> update(changes));
        recordLag(at, replay);
    }

    @EventHandler
    void on(ReminderSent event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        AppointmentItem changes = changes(event.appointmentId().toString(), sequence, at);
        change(changes, item -> AppointmentTable.addReminder(item, event.reminderId()),
                () -> table.addReminderIfNewer(changes.getAppointmentId(), event.reminderId(), sequence, changes.getUpdatedAt()));
        recordLag(at, replay);
    }

    /** The user's personal data was erased: the read model forgets the titles and locations it copied. */
    @EventHandler
    void on(PersonalDataErased event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        for (AppointmentId id : event.appointmentIds()) {
            AppointmentItem changes = changes(id.toString(), sequence, at);
            change(changes, AppointmentTable::forgetPersonalData,
                    () -> table.forgetPersonalDataIfNewer(changes.getAppointmentId(), sequence, changes.getUpdatedAt()));
        }
        recordLag(at, replay);
    }

    /** A replay rewrites the whole table, so it starts from an empty one: damage is repaired, not preserved. */
    @ResetHandler
    void clearBeforeReplay() {
        int deleted = table.deleteAll();
        log.info("Cleared {} items from the read model before replaying it", deleted);
    }

    /**
     * A change to an appointment: made in this batch's replay writes when they hold the appointment (booked earlier
     * in the batch, not yet written), else by {@code inTable}, conditional on the version as always.
     */
    private static void change(AppointmentItem changes, Consumer<AppointmentItem> change, Runnable inTable) {
        boolean held = ReplayBatch.current().map(batch -> batch.change(changes.getAppointmentId(), changes.getVersion(),
                changes.getUpdatedAt(), change)).orElse(false);
        if (!held) {
            inTable.run();
        }
    }

    private void update(AppointmentItem changes) {
        if (!table.updateIfNewer(changes)) {
            log.debug("Skipped {}: missing, or already at this version or later", changes);
        }
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
