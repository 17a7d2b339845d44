package dev.scheduling.projections.appointments;

import dev.scheduling.projections.calendars.CalendarTable;
import dev.scheduling.domain.calendar.AppointmentBooked;
import dev.scheduling.domain.calendar.AppointmentCancelled;
import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.AppointmentRescheduled;
import dev.scheduling.domain.calendar.PersonalDataErased;
import dev.scheduling.domain.calendar.ReminderSent;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import dev.scheduling.projections.dynamodb.LocalDynamoDb;
import dev.scheduling.projections.dynamodb.OutageRetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The projection's handlers, called directly, writing to DynamoDB Local. */
class AppointmentsProjectionTest {

    private static final UserId ALICE = new UserId("alice");
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final TimeSlot TEN = slot("2026-12-02T10:00:00Z", "2026-12-02T11:00:00Z");
    private static final TimeSlot TWO = slot("2026-12-02T14:00:00Z", "2026-12-02T15:30:00Z");
    private static final AppointmentDetails DETAILS = new AppointmentDetails("Check-up", "Room 4", ZoneId.of("Europe/Paris"));

    private final AppointmentId id = new AppointmentId(UUID.randomUUID());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ReversibleSeal seal = new ReversibleSeal();
    private String tableName;
    private AppointmentTable table;
    private AppointmentsProjection projection;

    @BeforeEach
    void setUp() {
        tableName = LocalDynamoDb.newAppointmentsTable();
        table = new AppointmentTable(LocalDynamoDb.enhancedClient(), tableName);
        projection = new AppointmentsProjection(table, new CalendarTable(LocalDynamoDb.enhancedClient(), LocalDynamoDb.newCalendarsTable()), seal, OutageRetry.NONE, 16, Clock.fixed(NOW.plusMillis(40), ZoneOffset.UTC),
                meters);
    }

    @Test
    void a_booking_writes_the_appointment_with_fixed_width_utc_times() {
        handled(() -> projection.on(booked(), 3, NOW, ReplayStatus.REGULAR));

        AppointmentItem item = table.get("alice", id.toString()).orElseThrow();
        assertThat(item.getUserId()).isEqualTo("alice");
        assertThat(item.getStart()).isEqualTo("2026-12-02T10:00:00.000000000Z");
        assertThat(item.getEnd()).isEqualTo("2026-12-02T11:00:00.000000000Z");
        assertThat(item.getStatus()).isEqualTo("BOOKED");
        assertThat(opened(item).title()).isEqualTo("Check-up");
        assertThat(opened(item).location()).isEqualTo("Room 4");
        assertThat(item.getTitle()).as("stored sealed").doesNotContain("Check-up");
        assertThat(item.getLocation()).as("stored sealed").doesNotContain("Room 4");
        assertThat(item.getTimeZone()).isEqualTo("Europe/Paris");
        assertThat(item.getRemindersSent()).isEmpty();
        assertThat(item.getCreatedAt()).isEqualTo("2026-12-01T08:00:00.000000000Z");
        assertThat(item.getVersion()).isEqualTo(3);
    }

    @Test
    void one_appointment_on_two_calendars_is_two_items_each_changed_by_its_own_calendar() {
        UserId room = new UserId("room-4");
        handled(() -> projection.on(booked(), 3, NOW, ReplayStatus.REGULAR));
        handled(() -> projection.on(new AppointmentBooked(room, id, TEN, DETAILS), 1, NOW, ReplayStatus.REGULAR));
        handled(() -> projection.on(new AppointmentCancelled(room, id, TEN, "room closed"), 2, NOW, ReplayStatus.REGULAR));

        assertThat(table.get("alice", id.toString()).orElseThrow().getStatus()).isEqualTo("BOOKED");
        assertThat(table.get("alice", id.toString()).orElseThrow().getVersion()).isEqualTo(3);
        assertThat(table.get("room-4", id.toString()).orElseThrow().getStatus()).isEqualTo("CANCELLED");
    }

    @Test
    void a_reschedule_moves_the_slot_and_keeps_the_rest() {
        handled(() -> projection.on(booked(), 3, NOW, ReplayStatus.REGULAR));
        handled(() -> projection.on(new AppointmentRescheduled(ALICE, id, TEN, TWO, DETAILS), 5, NOW.plusSeconds(60), ReplayStatus.REGULAR));

        AppointmentItem item = table.get("alice", id.toString()).orElseThrow();
        assertThat(item.getStart()).isEqualTo("2026-12-02T14:00:00.000000000Z");
        assertThat(item.getEnd()).isEqualTo("2026-12-02T15:30:00.000000000Z");
        assertThat(opened(item).title()).isEqualTo("Check-up");
        assertThat(item.getCreatedAt()).isEqualTo("2026-12-01T08:00:00.000000000Z");
        assertThat(item.getUpdatedAt()).isEqualTo("2026-12-01T08:01:00.000000000Z");
        assertThat(item.getVersion()).isEqualTo(5);
    }

    @Test
    void a_cancellation_marks_the_appointment_cancelled() {
        handled(() -> projection.on(booked(), 3, NOW, ReplayStatus.REGULAR));
        handled(() -> projection.on(new AppointmentCancelled(ALICE, id, TEN, "ill"), 4, NOW, ReplayStatus.REGULAR));

        assertThat(table.get("alice", id.toString()).orElseThrow().getStatus()).isEqualTo("CANCELLED");
    }

    @Test
    void a_redelivered_booking_does_not_undo_a_later_reschedule() {
        handled(() -> projection.on(booked(), 3, NOW, ReplayStatus.REGULAR));
        handled(() -> projection.on(new AppointmentRescheduled(ALICE, id, TEN, TWO, DETAILS), 5, NOW, ReplayStatus.REGULAR));

        handled(() -> projection.on(booked(), 3, NOW, ReplayStatus.REGULAR));

        AppointmentItem item = table.get("alice", id.toString()).orElseThrow();
        assertThat(item.getStart()).isEqualTo("2026-12-02T14:00:00.000000000Z");
        assertThat(item.getVersion()).isEqualTo(5);
    }

    @Test
    void an_event_delivered_twice_changes_nothing_the_second_time() {
        handled(() -> projection.on(booked(), 3, NOW, ReplayStatus.REGULAR));
        handled(() -> projection.on(new AppointmentCancelled(ALICE, id, TEN, "ill"), 4, NOW, ReplayStatus.REGULAR));
        AppointmentItem once = table.get("alice", id.toString()).orElseThrow();

        handled(() -> projection.on(new AppointmentCancelled(ALICE, id, TEN, "ill"), 4, NOW.plusSeconds(5), ReplayStatus.REGULAR));

        assertThat(table.get("alice", id.toString()).orElseThrow()).isEqualTo(once);
    }

    @Test
    void an_older_reschedule_arriving_after_a_newer_one_is_ignored() {
        handled(() -> projection.on(booked(), 3, NOW, ReplayStatus.REGULAR));
        handled(() -> projection.on(new AppointmentRescheduled(ALICE, id, TEN, TWO, DETAILS), 7, NOW, ReplayStatus.REGULAR));

        handled(() -> projection.on(new AppointmentRescheduled(ALICE, id, TEN, slot("2026-12-03T09:00:00Z", "2026-12-03T10:00:00Z"), DETAILS),
                6, NOW, ReplayStatus.REGULAR));

        assertThat(table.get("alice", id.toString()).orElseThrow().getStart()).isEqualTo("2026-12-02T14:00:00.000000000Z");
    }

    @Test
    void a_reminder_sent_is_added_to_the_appointment_once() {
        handled(() -> projection.on(booked(), 3, NOW, ReplayStatus.REGULAR));
        handled(() -> projection.on(new ReminderSent(ALICE, id, "reminder-a", Duration.ofHours(24), NOW), 4, NOW, ReplayStatus.REGULAR));
        handled(() -> projection.on(new ReminderSent(ALICE, id, "reminder-a", Duration.ofHours(24), NOW), 4, NOW, ReplayStatus.REGULAR));
        handled(() -> projection.on(new ReminderSent(ALICE, id, "reminder-b", Duration.ofHours(1), NOW), 5, NOW, ReplayStatus.REGULAR));

        AppointmentItem item = table.get("alice", id.toString()).orElseThrow();
        assertThat(item.getRemindersSent()).containsExactly("reminder-a", "reminder-b");
        assertThat(item.getVersion()).isEqualTo(5);
    }

    @Test
    void the_reset_before_a_replay_empties_the_table() {
        handled(() -> projection.on(booked(), 3, NOW, ReplayStatus.REGULAR));
        for (int i = 0; i < 30; i++) {
            long sequence = i;
            handled(() -> projection.on(new AppointmentBooked(ALICE, new AppointmentId(UUID.randomUUID()), TWO, DETAILS),
                    sequence, NOW, ReplayStatus.REGULAR));
        }

        projection.clearBeforeReplay();

        assertThat(LocalDynamoDb.appointments(tableName)).isEmpty();
    }

    @Test
    void a_replayed_batch_is_written_when_it_commits_with_its_later_changes_folded_in() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        projection.on(booked(), 3, NOW, ReplayStatus.REPLAY);
        projection.on(new AppointmentRescheduled(ALICE, id, TEN, TWO, DETAILS), 4, NOW.plusSeconds(60), ReplayStatus.REPLAY);
        projection.on(new ReminderSent(ALICE, id, "reminder-a", Duration.ofHours(24), NOW), 5, NOW.plusSeconds(61), ReplayStatus.REPLAY);
        projection.on(new ReminderSent(ALICE, id, "reminder-a", Duration.ofHours(24), NOW), 5, NOW.plusSeconds(61), ReplayStatus.REPLAY);
        projection.on(new AppointmentCancelled(ALICE, id, TWO, "ill"), 6, NOW.plusSeconds(62), ReplayStatus.REPLAY);
        assertThat(table.get("alice", id.toString())).as("nothing written before the batch commits").isEmpty();

        batch.commit();

        AppointmentItem item = table.get("alice", id.toString()).orElseThrow();
        assertThat(item.getStart()).isEqualTo("2026-12-02T14:00:00.000000000Z");
        assertThat(item.getStatus()).isEqualTo("CANCELLED");
        assertThat(item.getRemindersSent()).containsExactly("reminder-a");
        assertThat(opened(item).title()).isEqualTo("Check-up");
        assertThat(item.getCreatedAt()).isEqualTo("2026-12-01T08:00:00.000000000Z");
        assertThat(item.getUpdatedAt()).isEqualTo("2026-12-01T08:01:02.000000000Z");
        assertThat(item.getVersion()).isEqualTo(6);
    }

    @Test
    void a_booking_of_a_user_erased_since_keeps_no_title_or_location() {
        seal.erase("alice");

        handled(() -> projection.on(booked(), 3, NOW, ReplayStatus.REGULAR));

        AppointmentItem item = table.get("alice", id.toString()).orElseThrow();
        assertThat(item.getTitle()).isNull();
        assertThat(item.getLocation()).isNull();
        assertThat(item.getStart()).isEqualTo("2026-12-02T10:00:00.000000000Z");
    }

    @Test
    void a_batch_is_written_when_its_last_event_is_handled_before_its_token_is_stored() {
        AppointmentBooked other = new AppointmentBooked(ALICE, new AppointmentId(UUID.randomUUID()), TWO, DETAILS);
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(
                GenericEventMessage.asEventMessage(booked()), GenericEventMessage.asEventMessage(other)));
        List<Integer> itemsWhenTheTokenIsStored = new ArrayList<>();
        // registered first, as the processor registers storing its token
        batch.onPrepareCommit(u -> itemsWhenTheTokenIsStored.add(LocalDynamoDb.appointments(tableName).size()));

        batch.executeWithResult(() -> {
            projection.on((AppointmentBooked) batch.getMessage().getPayload(), 3, NOW, ReplayStatus.REGULAR);
            return null;
        });

        assertThat(itemsWhenTheTokenIsStored).containsExactly(2);
    }

    @Test
    void a_live_batch_of_many_bookings_is_written_whole_and_conditionally() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        List<AppointmentId> ids = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            ids.add(new AppointmentId(UUID.randomUUID()));
            projection.on(new AppointmentBooked(ALICE, ids.get(i), TWO, DETAILS), i, NOW, ReplayStatus.REGULAR);
        }

        batch.commit();

        assertThat(LocalDynamoDb.appointments(tableName)).extracting(AppointmentItem::getAppointmentId)
                               .containsExactlyInAnyOrderElementsOf(ids.stream().map(AppointmentId::toString).toList());
    }

    @Test
    void a_redelivered_batch_of_many_bookings_keeps_what_is_newer_and_writes_the_rest() {
        List<AppointmentId> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(new AppointmentId(UUID.randomUUID()));
        }
        handled(() -> projection.on(new AppointmentBooked(ALICE, ids.get(7), TWO, DETAILS), 7, NOW, ReplayStatus.REGULAR));
        handled(() -> projection.on(new AppointmentCancelled(ALICE, ids.get(7), TWO, null), 100, NOW, ReplayStatus.REGULAR));

        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        for (int i = 0; i < 20; i++) {
            projection.on(new AppointmentBooked(ALICE, ids.get(i), TWO, DETAILS), i, NOW, ReplayStatus.REGULAR);
        }
        batch.commit();

        assertThat(LocalDynamoDb.appointments(tableName)).hasSize(20);
        AppointmentItem newer = table.get("alice", ids.get(7).toString()).orElseThrow();
        assertThat(newer.getStatus()).isEqualTo("CANCELLED");
        assertThat(newer.getVersion()).isEqualTo(100);
    }

    @Test
    void a_replayed_batch_of_more_than_25_appointments_is_written_whole() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        List<AppointmentId> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(new AppointmentId(UUID.randomUUID()));
            projection.on(new AppointmentBooked(ALICE, ids.get(i), TWO, DETAILS), i, NOW, ReplayStatus.REPLAY);
        }

        batch.commit();

        assertThat(LocalDynamoDb.appointments(tableName)).extracting(AppointmentItem::getAppointmentId)
                               .containsExactlyInAnyOrderElementsOf(ids.stream().map(AppointmentId::toString).toList());
    }

    @Test
    void a_batch_that_reaches_the_end_of_the_replay_applies_live_changes_to_the_items_it_holds() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        projection.on(booked(), 3, NOW, ReplayStatus.REPLAY);
        projection.on(new AppointmentRescheduled(ALICE, id, TEN, TWO, DETAILS), 4, NOW, ReplayStatus.REGULAR);
        projection.on(new PersonalDataErased(ALICE, List.of(id)), 5, NOW, ReplayStatus.REGULAR);

        batch.commit();

        AppointmentItem item = table.get("alice", id.toString()).orElseThrow();
        assertThat(item.getStart()).isEqualTo("2026-12-02T14:00:00.000000000Z");
        assertThat(item.getTitle()).isNull();
        assertThat(item.getLocation()).isNull();
        assertThat(item.getVersion()).isEqualTo(5);
    }

    @Test
    void a_replayed_change_to_an_appointment_of_an_earlier_batch_is_written_conditionally() {
        UnitOfWork<?> first = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("first"));
        projection.on(booked(), 3, NOW, ReplayStatus.REPLAY);
        first.commit();

        UnitOfWork<?> second = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("second"));
        projection.on(new AppointmentCancelled(ALICE, id, TEN, "ill"), 4, NOW, ReplayStatus.REPLAY);
        projection.on(new AppointmentCancelled(ALICE, id, TEN, "ill"), 2, NOW, ReplayStatus.REPLAY);
        second.commit();

        AppointmentItem item = table.get("alice", id.toString()).orElseThrow();
        assertThat(item.getStatus()).isEqualTo("CANCELLED");
        assertThat(item.getVersion()).isEqualTo(4);
    }

    @Test
    void a_replayed_batch_that_rolls_back_writes_nothing() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        projection.on(booked(), 3, NOW, ReplayStatus.REPLAY);

        batch.rollback();

        assertThat(table.get("alice", id.toString())).isEmpty();
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    @Test
    void a_live_batch_writes_an_appointment_once_when_it_commits_with_its_later_changes_folded_in() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        projection.on(booked(), 3, NOW, ReplayStatus.REGULAR);
        projection.on(new AppointmentRescheduled(ALICE, id, TEN, TWO, DETAILS), 4, NOW, ReplayStatus.REGULAR);
        assertThat(table.get("alice", id.toString())).as("nothing written before the batch commits").isEmpty();
        assertThat(meters.get("scheduling.projection.lag").tag("projection", "appointments").timer().count()).isZero();

        batch.commit();

        AppointmentItem item = table.get("alice", id.toString()).orElseThrow();
        assertThat(item.getStart()).isEqualTo("2026-12-02T14:00:00.000000000Z");
        assertThat(item.getVersion()).isEqualTo(4);
        assertThat(meters.get("scheduling.projection.lag").tag("projection", "appointments").timer().count()).isEqualTo(2);
    }

    @Test
    void a_live_batch_applies_several_changes_of_a_stored_appointment_in_order_in_one_write() {
        handled(() -> projection.on(booked(), 3, NOW, ReplayStatus.REGULAR));

        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        projection.on(new ReminderSent(ALICE, id, "reminder-a", Duration.ofHours(24), NOW), 4, NOW, ReplayStatus.REGULAR);
        projection.on(new AppointmentRescheduled(ALICE, id, TEN, TWO, DETAILS), 5, NOW.plusSeconds(5), ReplayStatus.REGULAR);
        projection.on(new AppointmentCancelled(ALICE, id, TWO, "ill"), 6, NOW.plusSeconds(6), ReplayStatus.REGULAR);
        projection.on(new AppointmentRescheduled(ALICE, id, TEN, slot("2026-12-03T09:00:00Z", "2026-12-03T10:00:00Z"), DETAILS),
                2, NOW, ReplayStatus.REGULAR);
        batch.commit();

        AppointmentItem item = table.get("alice", id.toString()).orElseThrow();
        assertThat(item.getRemindersSent()).containsExactly("reminder-a");
        assertThat(item.getStart()).isEqualTo("2026-12-02T14:00:00.000000000Z");
        assertThat(item.getStatus()).isEqualTo("CANCELLED");
        assertThat(item.getUpdatedAt()).isEqualTo("2026-12-01T08:00:06.000000000Z");
        assertThat(item.getVersion()).isEqualTo(6);
    }

    @Test
    void a_live_batch_redelivering_older_events_changes_nothing() {
        handled(() -> projection.on(booked(), 3, NOW, ReplayStatus.REGULAR));
        handled(() -> projection.on(new AppointmentRescheduled(ALICE, id, TEN, TWO, DETAILS), 5, NOW, ReplayStatus.REGULAR));
        AppointmentItem before = table.get("alice", id.toString()).orElseThrow();

        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        projection.on(booked(), 3, NOW, ReplayStatus.REGULAR);
        projection.on(new AppointmentCancelled(ALICE, id, TEN, "ill"), 4, NOW, ReplayStatus.REGULAR);
        batch.commit();

        assertThat(table.get("alice", id.toString()).orElseThrow()).isEqualTo(before);
    }

    @Test
    void the_lag_from_event_to_write_is_measured_for_live_events_only() {
        handled(() -> projection.on(booked(), 3, NOW, ReplayStatus.REGULAR));
        handled(() -> projection.on(new AppointmentCancelled(ALICE, id, TEN, null), 4, NOW.minusSeconds(3600), ReplayStatus.REPLAY));

        var lag = meters.get("scheduling.projection.lag").tag("projection", "appointments").timer();
        assertThat(lag.count()).isEqualTo(1);
        assertThat(lag.max(TimeUnit.MILLISECONDS)).isEqualTo(40);
    }

    private AppointmentBooked booked() {
        return new AppointmentBooked(ALICE, id, TEN, DETAILS);
    }

    private static TimeSlot slot(String start, String end) {
        return new TimeSlot(Instant.parse(start), Instant.parse(end));
    }

    static List<String> ids(List<AppointmentView> views) {
        return views.stream().map(AppointmentView::id).toList();
    }

    private PersonalFields.Texts opened(AppointmentItem item) {
        return seal.open(new PersonalFields.Texts(item.getTitle(), item.getLocation()));
    }

    /** Handles events as the projection's processor does: in a unit of work of their own, written at its commit. */
    private static void handled(Runnable handling) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        handling.run();
        batch.commit();
    }
}
