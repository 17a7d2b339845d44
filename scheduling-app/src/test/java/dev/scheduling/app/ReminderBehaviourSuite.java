package dev.scheduling.app;

import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.EventStoreReader.StoredEvent;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reminder saga's behaviours on a running service with real deadlines, in seconds: one suite, run once per
 * deadline manager (subclasses), with the same expectations.
 */
abstract class ReminderBehaviourSuite {

    private static final Duration OFFSET = Duration.ofSeconds(5);
    private static final Duration LEAD = Duration.ofSeconds(12);
    private RunningService service;
    private EventStoreReader eventStore;
    private Api api;

    /** The settings that select this suite's deadline manager. */
    protected abstract String[] deadlineSettings();

    @BeforeEach
    void start() {
        String database = TestPostgres.newDatabase();
        service = RunningService.onDatabase(database, Stream.concat(Stream.of(deadlineSettings()),
                Stream.of("scheduling.reminders.offsets=" + OFFSET)).toArray(String[]::new));
        eventStore = new EventStoreReader(database);
        api = service.api();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void a_booking_gets_its_reminder_at_its_time_recorded_once() {
        Instant start = dueAfterLead(0);
        String id = book("ada", start);

        Eventually.await("the reminder", Duration.ofSeconds(60), () -> remindersSent("ada").size() == 1);
        StoredEvent sent = remindersSent("ada").get(0);
        assertThat(sent.payload().path("appointmentId").asText()).isEqualTo(id);
        assertThat(sent.payload().path("dueAt").asText()).isEqualTo(start.minus(OFFSET).toString());
        Eventually.await("the appointment's start", Duration.ofSeconds(30), () -> Instant.now().isAfter(start));
        assertThat(remindersSent("ada")).hasSize(1);
    }

    @Test
    void a_cancelled_booking_gets_no_reminder() {
        Instant start = dueAfterLead(0);
        String id = book("bea", start);
        assertThat(api.calendar("bea").cancel(id).status()).isEqualTo(204);
        assertThat(Instant.now()).as("cancelled before the reminder was due").isBefore(start.minus(OFFSET));

        Eventually.await("the appointment's start", Duration.ofSeconds(60), () -> Instant.now().isAfter(start.plusSeconds(1)));
        assertThat(remindersSent("bea")).isEmpty();
    }

    @Test
    void a_rescheduled_booking_gets_its_reminder_for_the_new_start_only() {
        Instant first = dueAfterLead(0);
        Instant moved = dueAfterLead(6);
        String id = book("cleo", first);
        assertThat(api.post("/users/cleo/appointments/" + id + "/reschedule")
                      .json(Bookings.at(moved, Duration.ofMinutes(30)).json()).send().status()).isEqualTo(200);
        assertThat(Instant.now()).as("moved before the first reminder was due").isBefore(first.minus(OFFSET));

        Eventually.await("the reminder", Duration.ofSeconds(60), () -> remindersSent("cleo").size() == 1);
        assertThat(remindersSent("cleo").get(0).payload().path("dueAt").asText())
                .isEqualTo(moved.minus(OFFSET).toString());
        Eventually.await("the new start", Duration.ofSeconds(30), () -> Instant.now().isAfter(moved));
        assertThat(remindersSent("cleo")).hasSize(1);
    }

    @Test
    void a_booking_made_after_its_reminder_was_due_gets_none() {
        Instant start = secondsAhead(3);
        book("dora", start);

        Eventually.await("the appointment's start", Duration.ofSeconds(30), () -> Instant.now().isAfter(start.plusSeconds(1)));
        assertThat(remindersSent("dora")).isEmpty();
    }

    private String book(String user, Instant start) {
        return api.calendar(user).booked(Bookings.at(start, Duration.ofMinutes(30)));
    }

    private List<StoredEvent> remindersSent(String user) {
        return eventStore.events(user).stream().filter(e -> e.type().endsWith(".ReminderSent")).toList();
    }

    private static Instant secondsAhead(int seconds) {
        return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * A start whose reminder is due {@link #LEAD} (and {@code moreSeconds}) from now: time enough for the booking and
     * what follows it to land first, however busy the machine.
     */
    private static Instant dueAfterLead(int moreSeconds) {
        return secondsAhead((int) (LEAD.toSeconds() + OFFSET.toSeconds()) + moreSeconds);
    }
}
