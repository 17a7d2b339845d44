package dev.scheduling.projections.appointments;

import dev.scheduling.domain.calendar.AppointmentBooked;
import dev.scheduling.domain.calendar.AppointmentCancelled;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.AppointmentRescheduled;
import dev.scheduling.domain.calendar.AppointmentStatus;
import dev.scheduling.domain.calendar.AvailabilityChanged;
import dev.scheduling.domain.calendar.HoldPlaced;
import dev.scheduling.domain.calendar.HoldReleased;
import dev.scheduling.domain.calendar.PersonalDataErased;
import dev.scheduling.domain.calendar.ReminderSent;
import dev.scheduling.domain.calendar.UserId;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.projections.calendars.CalendarItem;
import dev.scheduling.projections.calendars.CalendarTable;
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
import org.axonframework.tracing.NoOpSpanFactory;
import org.axonframework.tracing.SpanFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Locale;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Projects calendar events into the {@code appointments} table, and each calendar's availability rules and live
 * booking-form holds into the {@code calendars} table. Each event becomes one {@link AppointmentChange} per
 * appointment it concerns, which applies only to an item holding an older version, so redelivered, replayed or
 * out-of-date events change nothing. A batch's changes are written together ({@link BatchWrites}); a failed write
 * fails the batch, which the processor retries: nothing is skipped while DynamoDB is unreachable.
 */
@ProcessingGroup(AppointmentsProjection.NAME)
public class AppointmentsProjection implements AutoCloseable {

    public static final String NAME = "appointments";
    private static final Logger log = LoggerFactory.getLogger(AppointmentsProjection.class);

    private final AppointmentTable table;
    private final CalendarTable calendars;
    private final PersonalFields personalFields;
    private final OutageRetry retry;
    private final ExecutorService writers;
    private final Clock clock;
    private final Timer lag;
    private final SpanFactory spans;

    /**
     * @param personalFields seals titles and locations before they are written
     * @param retry          how writes are retried while DynamoDB is unreachable
     * @param writers        how many writes may be in flight at once, over all of the processor's segments
     */
    public AppointmentsProjection(AppointmentTable table, CalendarTable calendars, PersonalFields personalFields,
                                  OutageRetry retry, int writers, Clock clock, MeterRegistry meters) {
        this(table, calendars, personalFields, retry, writers, clock, meters, NoOpSpanFactory.INSTANCE);
    }

    /**
     * @param spans traces each batch's write to DynamoDB, in the trace of its first event (linked to the others')
     */
    public AppointmentsProjection(AppointmentTable table, CalendarTable calendars, PersonalFields personalFields,
                                  OutageRetry retry, int writers, Clock clock, MeterRegistry meters, SpanFactory spans) {
        this.spans = spans;
        this.table = table;
        this.calendars = calendars;
        this.personalFields = personalFields;
        this.retry = retry;
        this.writers = writers(writers);
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
        List<String> personalDataOf = event.details().personalDataOf().isEmpty() ? List.of(event.userId().toString())
                : event.details().personalDataOf();
        PersonalFields.Texts sealed = personalFields.seal(personalDataOf,
                new PersonalFields.Texts(event.details().title(), event.details().location()));
        item.setTitle(sealed.title());
        item.setLocation(sealed.location());
        item.setTimeZone(event.details().timeZone().getId());
        item.setRemindersSent(List.of());
        if (!event.participants().isEmpty()) {
            item.setParticipants(event.participants().stream()
                                      .map(participant -> new AppointmentView.Member(participant.calendarId().value(),
                                              participant.role().name().toLowerCase(Locale.ROOT)).stored())
                                      .toList());
        }
        item.setCreatedAt(UtcInstants.format(at));
        item.setUpdatedAt(UtcInstants.format(at));
        item.setVersion(sequence);
        write(at, replay, List.of(AppointmentChange.booked(item)));
    }

    @EventHandler
    void on(AppointmentRescheduled event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        write(at, replay, List.of(change(event.userId(), event.appointmentId(), sequence, at, item -> setSlot(item, event.newSlot()))));
    }

    @EventHandler
    void on(AppointmentCancelled event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        write(at, replay, List.of(change(event.userId(), event.appointmentId(), sequence, at,
                item -> item.setStatus(AppointmentStatus.CANCELLED.name()))));
    }

    @EventHandler
    void on(ReminderSent event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        write(at, replay, List.of(change(event.userId(), event.appointmentId(), sequence, at,
                item -> addReminder(item, event.reminderId()))));
    }

    /** The user's personal data was erased: the read model forgets the titles and locations it copied. */
    @EventHandler
    void on(PersonalDataErased event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        write(at, replay, event.appointmentIds().stream().map(id -> change(event.userId(), id, sequence, at, item -> {
            item.setTitle(null);
            item.setLocation(null);
        })).toList());
    }

    /**
     * A calendar's rules, whole, or their removal (an item without rules keeps the version, so that no older event
     * redelivered brings removed rules back). Rare, so written at once rather than with the batch.
     */
    @EventHandler
    void on(AvailabilityChanged event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        CalendarItem item = CalendarItem.of(event.userId().toString(), event.rules(), sequence, UtcInstants.format(at));
        retry.run(() -> {
            calendars.get(item.getCalendarId()).ifPresent(before -> item.setHolds(before.getHolds()));
            calendars.putIfNewer(item.withoutHold("", at));
        });
        recordLag(at, replay);
    }

    /**
     * A booking form's slot kept on the calendar: busy for slot search until it is booked (released as booked, then
     * booked), released or lapsed. The holds of a booking or a move being placed last only while it is decided (well
     * within the read model's lag) and are not written.
     */
    @EventHandler
    void on(HoldPlaced event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        if (event.lasting()) {
            updateCalendar(event.userId(), sequence, at,
                    calendar -> calendar.withHold(event.appointmentId().toString(), event.slot(), event.expiresAt(), at));
            recordLag(at, replay);
        }
    }

    @EventHandler
    void on(HoldReleased event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        if (event.lasting()) {
            updateCalendar(event.userId(), sequence, at,
                    calendar -> calendar.withoutHold(event.appointmentId().toString(), at));
            recordLag(at, replay);
        }
    }

    /**
     * Rewrites a calendar's item with {@code change} at {@code sequence}, unless the table shows that event or a later
     * one already (redelivered). Written at once, like the rules: one calendar's events come in order on one thread.
     */
    private void updateCalendar(UserId calendarId, long sequence, Instant at, UnaryOperator<CalendarItem> change) {
        String id = calendarId.toString();
        retry.run(() -> {
            var existing = calendars.get(id);
            if (existing.isPresent() && existing.get().getVersion() >= sequence) {
                return;
            }
            CalendarItem item = existing.orElseGet(() -> CalendarItem.of(id, null, sequence, null));
            item.setVersion(sequence);
            item.setUpdatedAt(UtcInstants.format(at));
            calendars.putIfNewer(change.apply(item));
        });
    }

    /** A replay rewrites the whole tables, so it starts from empty ones: damage is repaired, not preserved. */
    @ResetHandler
    void clearBeforeReplay() {
        int deleted = table.deleteAll();
        int calendarsDeleted = calendars.deleteAll();
        log.info("Cleared {} appointments and {} calendars from the read model before replaying it", deleted,
                calendarsDeleted);
    }

    /** Stops the threads that write batches (after the processor, which the application stops first). */
    @Override
    public void close() {
        writers.shutdown();
    }

    /** An event's changes, into the batch of the processor's unit of work; written with its last event. */
    private void write(Instant at, ReplayStatus replay, List<AppointmentChange> changes) {
        BatchWrites batch = BatchWrites.startOrJoin(table, writers, retry, spans);
        changes.forEach(change -> batch.add(change, replay.isReplay()));
        batch.afterWrite(() -> recordLag(at, replay));
        batch.writeIfLastOfBatch();
    }

    private static AppointmentChange change(UserId userId, AppointmentId appointmentId, long sequence, Instant at,
                                            Consumer<AppointmentItem> change) {
        return AppointmentChange.of(userId.toString(), appointmentId.toString(), sequence, UtcInstants.format(at), change);
    }

    private static void addReminder(AppointmentItem item, String reminderId) {
        List<String> sent = new ArrayList<>(item.getRemindersSent() == null ? List.of() : item.getRemindersSent());
        if (!sent.contains(reminderId)) {
            sent.add(reminderId);
        }
        item.setRemindersSent(sent);
    }

    /** Threads that write a batch's appointments in parallel; idle ones end after a minute. */
    private static ExecutorService writers(int writers) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(writers, writers, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "appointments-writer-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
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
