package dev.scheduling.projections.appointments;

import dev.scheduling.domain.calendar.AppointmentBooked;
import dev.scheduling.domain.calendar.AppointmentCancelled;
import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.AppointmentRescheduled;
import dev.scheduling.domain.calendar.ReminderSent;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import dev.scheduling.projections.dynamodb.LocalDynamoDb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
    private AppointmentTable table;
    private AppointmentsProjection projection;

    @BeforeEach
    void setUp() {
        table = new AppointmentTable(LocalDynamoDb.enhancedClient(), LocalDynamoDb.newAppointmentsTable());
        projection = new AppointmentsProjection(table, Clock.fixed(NOW.plusMillis(40), ZoneOffset.UTC), meters);
    }

    @Test
    void a_booking_writes_the_appointment_with_fixed_width_utc_times() {
        projection.on(booked(), 3, NOW, ReplayStatus.REGULAR);

        AppointmentItem item = table.get(id.toString()).orElseThrow();
        assertThat(item.getUserId()).isEqualTo("alice");
        assertThat(item.getStart()).isEqualTo("2026-12-02T10:00:00.000000000Z");
        assertThat(item.getEnd()).isEqualTo("2026-12-02T11:00:00.000000000Z");
        assertThat(item.getStatus()).isEqualTo("BOOKED");
        assertThat(item.getTitle()).isEqualTo("Check-up");
        assertThat(item.getLocation()).isEqualTo("Room 4");
        assertThat(item.getTimeZone()).isEqualTo("Europe/Paris");
        assertThat(item.getRemindersSent()).isEmpty();
        assertThat(item.getCreatedAt()).isEqualTo("2026-12-01T08:00:00.000000000Z");
        assertThat(item.getVersion()).isEqualTo(3);
    }

    @Test
    void a_reschedule_moves_the_slot_and_keeps_the_rest() {
        projection.on(booked(), 3, NOW, ReplayStatus.REGULAR);
        projection.on(new AppointmentRescheduled(ALICE, id, TEN, TWO, DETAILS), 5, NOW.plusSeconds(60), ReplayStatus.REGULAR);

        AppointmentItem item = table.get(id.toString()).orElseThrow();
        assertThat(item.getStart()).isEqualTo("2026-12-02T14:00:00.000000000Z");
        assertThat(item.getEnd()).isEqualTo("2026-12-02T15:30:00.000000000Z");
        assertThat(item.getTitle()).isEqualTo("Check-up");
        assertThat(item.getCreatedAt()).isEqualTo("2026-12-01T08:00:00.000000000Z");
        assertThat(item.getUpdatedAt()).isEqualTo("2026-12-01T08:01:00.000000000Z");
        assertThat(item.getVersion()).isEqualTo(5);
    }

    @Test
    void a_cancellation_marks_the_appointment_cancelled() {
        projection.on(booked(), 3, NOW, ReplayStatus.REGULAR);
        projection.on(new AppointmentCancelled(ALICE, id, TEN, "ill"), 4, NOW, ReplayStatus.REGULAR);

        assertThat(table.get(id.toString()).orElseThrow().getStatus()).isEqualTo("CANCELLED");
    }

    @Test
    void a_redelivered_booking_does_not_undo_a_later_reschedule() {
        projection.on(booked(), 3, NOW, ReplayStatus.REGULAR);
        projection.on(new AppointmentRescheduled(ALICE, id, TEN, TWO, DETAILS), 5, NOW, ReplayStatus.REGULAR);

        projection.on(booked(), 3, NOW, ReplayStatus.REGULAR);

        AppointmentItem item = table.get(id.toString()).orElseThrow();
        assertThat(item.getStart()).isEqualTo("2026-12-02T14:00:00.000000000Z");
        assertThat(item.getVersion()).isEqualTo(5);
    }

    @Test
    void an_event_delivered_twice_changes_nothing_the_second_time() {
        projection.on(booked(), 3, NOW, ReplayStatus.REGULAR);
        projection.on(new AppointmentCancelled(ALICE, id, TEN, "ill"), 4, NOW, ReplayStatus.REGULAR);
        AppointmentItem once = table.get(id.toString()).orElseThrow();

        projection.on(new AppointmentCancelled(ALICE, id, TEN, "ill"), 4, NOW.plusSeconds(5), ReplayStatus.REGULAR);

        assertThat(table.get(id.toString()).orElseThrow()).isEqualTo(once);
    }

    @Test
    void an_older_reschedule_arriving_after_a_newer_one_is_ignored() {
        projection.on(booked(), 3, NOW, ReplayStatus.REGULAR);
        projection.on(new AppointmentRescheduled(ALICE, id, TEN, TWO, DETAILS), 7, NOW, ReplayStatus.REGULAR);

        projection.on(new AppointmentRescheduled(ALICE, id, TEN, slot("2026-12-03T09:00:00Z", "2026-12-03T10:00:00Z"), DETAILS),
                6, NOW, ReplayStatus.REGULAR);

        assertThat(table.get(id.toString()).orElseThrow().getStart()).isEqualTo("2026-12-02T14:00:00.000000000Z");
    }

    @Test
    void a_reminder_sent_is_added_to_the_appointment_once() {
        projection.on(booked(), 3, NOW, ReplayStatus.REGULAR);
        projection.on(new ReminderSent(ALICE, id, "reminder-a", Duration.ofHours(24), NOW), 4, NOW, ReplayStatus.REGULAR);
        projection.on(new ReminderSent(ALICE, id, "reminder-a", Duration.ofHours(24), NOW), 4, NOW, ReplayStatus.REGULAR);
        projection.on(new ReminderSent(ALICE, id, "reminder-b", Duration.ofHours(1), NOW), 5, NOW, ReplayStatus.REGULAR);

        AppointmentItem item = table.get(id.toString()).orElseThrow();
        assertThat(item.getRemindersSent()).containsExactly("reminder-a", "reminder-b");
        assertThat(item.getVersion()).isEqualTo(5);
    }

    @Test
    void the_reset_before_a_replay_empties_the_table() {
        projection.on(booked(), 3, NOW, ReplayStatus.REGULAR);
        for (int i = 0; i < 30; i++) {
            projection.on(new AppointmentBooked(ALICE, new AppointmentId(UUID.randomUUID()), TWO, DETAILS), i, NOW,
                    ReplayStatus.REGULAR);
        }

        projection.clearBeforeReplay();

        assertThat(table.all()).isEmpty();
    }

    @Test
    void the_lag_from_event_to_write_is_measured_for_live_events_only() {
        projection.on(booked(), 3, NOW, ReplayStatus.REGULAR);
        projection.on(new AppointmentCancelled(ALICE, id, TEN, null), 4, NOW.minusSeconds(3600), ReplayStatus.REPLAY);

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
}
