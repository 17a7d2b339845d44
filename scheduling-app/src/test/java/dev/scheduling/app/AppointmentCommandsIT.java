package dev.scheduling.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/** What users do, through HTTP, against the service on a real PostgreSQL; each test on a calendar of its own. */
class AppointmentCommandsIT {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final int SNAPSHOT_THRESHOLD = 5;

    private static RunningService service;
    private static EventStoreReader eventStore;
    private static Api api;
    private String user;

    @BeforeAll
    static void start() {
        String database = TestPostgres.newDatabase();
        service = RunningService.onDatabase(database, "scheduling.snapshot-threshold=" + SNAPSHOT_THRESHOLD);
        eventStore = new EventStoreReader(database);
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void calendarOfItsOwn(TestInfo test) {
        user = "user-" + test.getTestMethod().orElseThrow().getName().hashCode();
    }

    @Test
    void booking_answers_201_with_the_appointment_and_its_location() {
        Instant start = day(3).plus(Duration.ofHours(14));
        Response response = book(Bookings.at(start, HOUR).title("Check-up").timeZone("Europe/Amsterdam"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.path("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(body.path("userId").asText()).isEqualTo(user);
        assertThat(body.path("start").asText()).isEqualTo(start.toString());
        assertThat(body.path("end").asText()).isEqualTo(start.plus(HOUR).toString());
        assertThat(body.path("title").asText()).isEqualTo("Check-up");
        assertThat(body.path("timeZone").asText()).isEqualTo("Europe/Amsterdam");
        assertThat(body.path("status").asText()).isEqualTo("BOOKED");
        assertThat(response.header("Location")).endsWith("/users/" + user + "/appointments/" + body.path("id").asText());
        assertThat(eventStore.events(user)).singleElement()
                                           .satisfies(e -> assertThat(e.type()).endsWith("AppointmentBooked"));
    }

    @Test
    void times_with_an_offset_are_stored_and_answered_in_utc() {
        Response response = api.post("/users/" + user + "/appointments")
                               .json("{\"start\":\"" + day(3).toString().substring(0, 10) + "T15:00:00+01:00\","
                                       + "\"end\":\"" + day(3).toString().substring(0, 10) + "T16:30:00+01:00\"}")
                               .send();

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("start").asText()).isEqualTo(day(3).plus(Duration.ofHours(14)).toString());
        assertThat(response.json().path("end").asText()).isEqualTo(day(3).plus(Duration.ofMinutes(15 * 60 + 30)).toString());
        assertThat(response.json().path("timeZone").asText()).isEqualTo("UTC");
    }

    @Test
    void an_overlapping_booking_gets_409_naming_the_conflicting_appointment() {
        Instant start = day(3).plus(Duration.ofHours(10));
        String first = book(Bookings.at(start, HOUR)).json().path("id").asText();

        Response response = book(Bookings.at(start.plus(Duration.ofMinutes(30)), HOUR));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.problemCode()).isEqualTo("appointment-overlap");
        assertThat(response.json().path("conflictingAppointmentId").asText()).isEqualTo(first);
        assertThat(response.json().path("conflictingStart").asText()).isEqualTo(start.toString());
        assertThat(response.json().path("conflictingEnd").asText()).isEqualTo(start.plus(HOUR).toString());
        assertThat(eventStore.events(user)).hasSize(1);
    }

    @Test
    void back_to_back_bookings_are_both_accepted() {
        Instant start = day(3).plus(Duration.ofHours(10));
        assertThat(book(Bookings.at(start, HOUR)).status()).isEqualTo(201);
        assertThat(book(Bookings.at(start.plus(HOUR), HOUR)).status()).isEqualTo(201);
    }

    @Test
    void rescheduling_answers_200_with_the_moved_appointment() {
        Instant start = day(3).plus(Duration.ofHours(10));
        String id = book(Bookings.at(start, HOUR)).json().path("id").asText();
        Instant later = start.plus(Duration.ofHours(4));

        Response response = reschedule(id, Bookings.at(later, HOUR));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("id").asText()).isEqualTo(id);
        assertThat(response.json().path("start").asText()).isEqualTo(later.toString());
        JsonNode event = eventStore.events(user).get(1).payload();
        assertThat(event.path("previousSlot").path("start").asText()).isEqualTo(start.toString());
        assertThat(event.path("newSlot").path("start").asText()).isEqualTo(later.toString());
    }

    @Test
    void rescheduling_onto_another_appointment_gets_409() {
        Instant start = day(3).plus(Duration.ofHours(10));
        String id = book(Bookings.at(start, HOUR)).json().path("id").asText();
        String other = book(Bookings.at(start.plus(Duration.ofHours(2)), HOUR)).json().path("id").asText();

        Response response = reschedule(id, Bookings.at(start.plus(Duration.ofMinutes(150)), HOUR));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().path("conflictingAppointmentId").asText()).isEqualTo(other);
    }

    @Test
    void rescheduling_a_cancelled_appointment_gets_409() {
        String id = book(Bookings.at(day(3), HOUR)).json().path("id").asText();
        cancel(id);

        Response response = reschedule(id, Bookings.at(day(4), HOUR));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.problemCode()).isEqualTo("appointment-cancelled");
    }

    @Test
    void cancelling_answers_204_and_again_204_with_a_single_event() {
        String id = book(Bookings.at(day(3), HOUR)).json().path("id").asText();

        assertThat(cancel(id).status()).isEqualTo(204);
        assertThat(cancel(id).status()).isEqualTo(204);

        assertThat(eventStore.events(user)).extracting(e -> e.type().substring(e.type().lastIndexOf('.') + 1))
                                           .containsExactly("AppointmentBooked", "AppointmentCancelled");
    }

    @Test
    void cancelling_records_the_reason() {
        String id = book(Bookings.at(day(3), HOUR)).json().path("id").asText();

        api.calendar(user).cancel(id, "patient is ill");

        // stored sealed under the user's key; the history opens it
        assertThat(eventStore.events(user).get(1).payload().path("reason").path("pd").asText()).isEqualTo("AES-256-GCM");
        assertThat(api.calendar(user).history().json().path("events").get(1).path("payload")
                      .path("reason").asText()).isEqualTo("patient is ill");
    }

    @Test
    void changing_an_unknown_appointment_gets_404() {
        book(Bookings.at(day(3), HOUR));
        String unknown = UUID.randomUUID().toString();

        assertThat(cancel(unknown).status()).isEqualTo(404);
        assertThat(reschedule(unknown, Bookings.at(day(4), HOUR)).problemCode()).isEqualTo("appointment-not-found");
        assertThat(api.delete("/users/nobody-" + user + "/appointments/" + unknown).send().status()).isEqualTo(404);
    }

    @Test
    void a_retried_booking_with_the_same_idempotency_key_answers_200_with_the_same_appointment_and_no_event() {
        Bookings booking = Bookings.at(day(3), HOUR).title("Dentist");
        Response first = bookWithKey("key-1", booking);
        Response retry = bookWithKey("key-1", booking);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(eventStore.events(user)).hasSize(1);
    }

    @Test
    void the_same_idempotency_key_with_a_different_request_gets_409() {
        bookWithKey("key-1", Bookings.at(day(3), HOUR));

        Response response = bookWithKey("key-1", Bookings.at(day(3), Duration.ofHours(2)));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.problemCode()).isEqualTo("idempotency-key-reused");
        assertThat(eventStore.events(user)).hasSize(1);
    }

    @Test
    void the_same_idempotency_key_on_two_calendars_books_on_both() {
        assertThat(bookWithKey("shared", Bookings.at(day(3), HOUR)).status()).isEqualTo(201);
        user = user + "-other";
        assertThat(bookWithKey("shared", Bookings.at(day(3), HOUR)).status()).isEqualTo(201);
    }

    @Test
    void every_event_records_the_token_subject_as_actor_and_the_request_id() {
        Response booked = api.as("desk-7", "front-desk").post("/users/" + user + "/appointments")
                             .json(Bookings.at(day(3), HOUR).json())
                             .header("X-Actor", "someone-else").header("X-Request-Id", "req-42").send();
        assertThat(booked.header("X-Request-Id")).isEqualTo("req-42");
        String id = booked.json().path("id").asText();
        Response cancelled = api.as(user).calendar(user).cancel(id);

        var events = eventStore.events(user);
        assertThat(events.get(0).metadata().path("actor").asText()).isEqualTo("desk-7");
        assertThat(events.get(0).metadata().path("clientId").asText()).isEqualTo("local");
        assertThat(events.get(0).metadata().path("correlationId").asText()).isEqualTo("req-42");
        assertThat(events.get(1).metadata().path("actor").asText()).isEqualTo(user);
        assertThat(events.get(1).metadata().path("correlationId").asText())
                .isEqualTo(cancelled.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void a_calendar_loaded_from_a_snapshot_keeps_every_rule() {
        Instant start = day(5);
        String firstId = null;
        for (int i = 0; i < SNAPSHOT_THRESHOLD * 2 + 1; i++) {
            String id = book(Bookings.at(start.plus(HOUR.multipliedBy(i)), HOUR)).json().path("id").asText();
            firstId = firstId == null ? id : firstId;
        }
        assertThat(eventStore.snapshotCount(user)).isPositive();

        Response overlap = book(Bookings.at(start.plus(Duration.ofMinutes(30)), HOUR));
        assertThat(overlap.status()).isEqualTo(409);
        assertThat(overlap.json().path("conflictingAppointmentId").asText()).isEqualTo(firstId);
        assertThat(reschedule(firstId, Bookings.at(start.minus(HOUR), HOUR)).status()).isEqualTo(200);
        assertThat(book(Bookings.at(start, HOUR)).status()).isEqualTo(201);
        assertThat(eventStore.overlaps(user)).isEmpty();
    }

    private Response book(Bookings booking) {
        return api.calendar(user).book(booking);
    }

    private Response bookWithKey(String key, Bookings booking) {
        return api.calendar(user).book(booking, key);
    }

    private Response reschedule(String id, Bookings slot) {
        return api.calendar(user).reschedule(id, slot);
    }

    private Response cancel(String id) {
        return api.calendar(user).cancel(id);
    }
}
