package dev.scheduling.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visits of several calendars through real HTTP with tokens of the local issuer: booked on every calendar or on none
 * in one transaction, the refusal naming the busy calendar and writing nothing, idempotent, read, moved and
 * cancelled, and who may do which. Each test uses a day and calendars of its own.
 */
class VisitsIT {

    private static RunningService service;
    private static EventStoreReader eventStore;

    @BeforeAll
    static void start() {
        String database = TestPostgres.newDatabase();
        service = RunningService.onDatabase(database);
        eventStore = new EventStoreReader(database);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_visit_is_booked_on_the_practitioners_the_rooms_and_the_patients_calendar_at_once() {
        Instant start = day(40).plus(Duration.ofHours(14));
        Response booked = desk().post("/appointments").json(visit(start, "lee-1", "room-1", "alice-1")).send();

        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        String id = booked.json().path("id").asText();
        assertThat(booked.header("Location")).isEqualTo("/appointments/" + id);
        assertThat(booked.json().path("status").asText()).isEqualTo("BOOKED");
        assertThat(booked.json().path("title").asText()).isEqualTo("Check-up");
        assertThat(roles(booked.json())).containsExactlyInAnyOrder("lee-1:practitioner", "room-1:location", "alice-1:patient");
        for (String calendar : List.of("lee-1", "room-1", "alice-1")) {
            assertThat(eventStore.activeSlots(calendar)).as(calendar).containsOnlyKeys(id);
            assertThat(eventStore.liveHolds(calendar)).as(calendar).isEmpty();
            Eventually.await(calendar + "'s listing to show the visit", Duration.ofSeconds(30), () -> {
                JsonNode listed = desk().get("/users/" + calendar + "/appointments").send().json().path("appointments");
                return listed.size() == 1 && listed.get(0).path("id").asText().equals(id)
                        && roles(listed.get(0)).containsAll(List.of("lee-1:practitioner", "room-1:location", "alice-1:patient"));
            });
        }
        // each calendar's history shows its part, with who asked and under which correlation id
        JsonNode history = desk().get("/users/room-1/history").send().json().path("events");
        assertThat(history).extracting(event -> event.path("type").asText()).containsExactly("AppointmentBooked");
        assertThat(history).allSatisfy(event -> {
            assertThat(event.path("actor").asText()).isEqualTo("desk");
            assertThat(event.path("correlationId").asText()).isEqualTo(booked.header("X-Request-Id"));
        });
        // its own history: booked, on its calendars in the order of their ids; who asked, under which id
        JsonNode own = service.api().as("alice-1").get("/appointments/" + id + "/history").send().json();
        assertThat(own.path("appointmentId").asText()).isEqualTo(id);
        assertThat(own.path("events")).extracting(event -> event.path("type").asText()).containsExactly("VisitBooked");
        assertThat(own.path("events")).allSatisfy(event -> {
            assertThat(event.path("actor").asText()).isEqualTo("desk");
            assertThat(event.path("correlationId").asText()).isEqualTo(booked.header("X-Request-Id"));
        });
        assertThat(own.path("events").get(0).path("payload").path("participants")).extracting(p -> p.path("calendarId")
                .asText()).containsExactly("alice-1", "lee-1", "room-1");
        // one transaction: the visit's own event and its three calendars' were written by one (PostgreSQL's xmin)
        assertThat(eventStore.transactionsWriting(List.of(id, "lee-1", "room-1", "alice-1"))).isEqualTo(1);
        assertThat(service.api().as("mallory").get("/appointments/" + id + "/history").send().status()).isEqualTo(403);
        // the participants and staff read it; anyone else is refused, whether or not it exists
        assertThat(desk().get("/appointments/" + id).send().json().path("status").asText()).isEqualTo("BOOKED");
        assertThat(service.api().as("alice-1").get("/appointments/" + id).send().status()).isEqualTo(200);
        assertThat(service.api().as("auditor-1", "auditor").get("/appointments/" + id).send().status()).isEqualTo(200);
        assertThat(service.api().as("mallory").get("/appointments/" + id).send().status()).isEqualTo(403);
        assertThat(service.api().as("mallory").get("/appointments/" + java.util.UUID.randomUUID()).send().status())
                .isEqualTo(403);
        assertThat(desk().get("/appointments/" + java.util.UUID.randomUUID()).send().problemCode())
                .isEqualTo("appointment-not-found");
    }

    @Test
    void a_busy_room_refuses_the_whole_visit_and_nothing_of_it_stays_on_any_calendar() {
        Instant start = day(41).plus(Duration.ofHours(14));
        assertThat(desk().post("/users/room-2/appointments").json(slot(start, start.plus(Duration.ofHours(1))))
                         .send().status()).isEqualTo(201);

        Response refused = desk().post("/appointments")
                                 .json(visit(start.plus(Duration.ofMinutes(30)), "lee-2", "room-2", "alice-2")).send();

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.problemCode()).isEqualTo("participant-unavailable");
        JsonNode conflicts = refused.json().path("conflicts");
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).path("calendarId").asText()).isEqualTo("room-2");
        assertThat(conflicts.get(0).path("code").asText()).isEqualTo("appointment-overlap");
        assertThat(conflicts.get(0).path("conflictingStart").asText()).isEqualTo(start.toString());
        assertThat(conflicts.get(0).path("conflictingEnd").asText()).isEqualTo(start.plus(Duration.ofHours(1)).toString());
        assertThat(refused.body()).doesNotContain("Room booked").doesNotContain("conflictingAppointmentId");
        String id = refused.json().path("appointmentId").asText();
        // nothing of it was written, on any calendar or of its own
        assertThat(eventStore.events("alice-2")).isEmpty();
        assertThat(eventStore.events("lee-2")).isEmpty();
        assertThat(eventStore.events(id)).isEmpty();
        assertThat(eventStore.activeSlots("room-2")).doesNotContainKey(id).hasSize(1);
        assertThat(desk().get("/appointments/" + id).send().problemCode()).isEqualTo("appointment-not-found");
        // and the slot is free for another visit at once
        Response other = desk().post("/appointments").json(visit(start.plus(Duration.ofHours(1)), "lee-2", "room-2", "alice-2"))
                               .send();
        assertThat(other.status()).as(other.body()).isEqualTo(201);
    }

    @Test
    void a_retry_with_the_same_key_answers_the_same_visit_and_another_visit_under_it_is_refused() {
        Instant start = day(42).plus(Duration.ofHours(9));
        String body = visit(start, "lee-3", "room-3", "alice-3");
        Response first = desk().post("/appointments").header("Idempotency-Key", "visit-3").json(body).send();
        Response again = desk().post("/appointments").header("Idempotency-Key", "visit-3").json(body).send();
        Response reused = desk().post("/appointments").header("Idempotency-Key", "visit-3")
                                .json(visit(start.plus(Duration.ofHours(2)), "lee-3", "room-3", "alice-3")).send();

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.problemCode()).isEqualTo("idempotency-key-reused");
        assertThat(eventStore.activeSlots("room-3")).hasSize(1);
    }

    @Test
    void a_cancelled_visit_leaves_every_calendar_free() {
        Instant start = day(43).plus(Duration.ofHours(10));
        Response booked = desk().post("/appointments").json(visit(start, "lee-4", "room-4", "alice-4")).send();
        String id = booked.json().path("id").asText();

        // never on one calendar alone: it would stay on the others
        Response alone = desk().delete("/users/room-4/appointments/" + id).send();
        Response moved = desk().post("/users/room-4/appointments/" + id + "/reschedule")
                               .json("{\"start\":\"" + start.plus(Duration.ofHours(2)) + "\",\"end\":\""
                                       + start.plus(Duration.ofHours(3)) + "\"}").send();
        assertThat(alone.status()).isEqualTo(409);
        assertThat(alone.problemCode()).isEqualTo("appointment-of-several-calendars");
        assertThat(moved.problemCode()).isEqualTo("appointment-of-several-calendars");
        assertThat(eventStore.activeSlots("room-4")).containsOnlyKeys(id);
        assertThat(service.api().as("mallory").delete("/appointments/" + id).send().status()).isEqualTo(403);
        assertThat(service.api().as("auditor-4", "auditor").delete("/appointments/" + id).send().status()).isEqualTo(403);
        Response cancelled = service.api().as("alice-4").delete("/appointments/" + id + "?reason=ill").send();

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(204);
        for (String calendar : List.of("lee-4", "room-4", "alice-4")) {
            assertThat(eventStore.activeSlots(calendar)).as(calendar).isEmpty();
        }
        assertThat(desk().get("/appointments/" + id).send().json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(desk().delete("/appointments/" + id).send().status()).isEqualTo(204);
        assertThat(desk().post("/appointments").json(visit(start, "lee-4", "room-4", "alice-4")).send().status())
                .isEqualTo(201);
    }

    @Test
    void a_visit_moves_on_every_calendar_or_stays_where_it_was_on_every_calendar() {
        Instant start = day(46).plus(Duration.ofHours(10));
        String id = desk().post("/appointments").json(visit(start, "lee-7", "room-7", "alice-7")).send().json()
                          .path("id").asText();
        Instant later = start.plus(Duration.ofMinutes(15)); // overlapping the slot it leaves

        Response moved = desk().post("/appointments/" + id + "/reschedule").json(move(later)).send();

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().path("start").asText()).isEqualTo(later.toString());
        for (String calendar : List.of("lee-7", "room-7", "alice-7")) {
            assertThat(eventStore.activeSlots(calendar)).as(calendar).containsOnlyKeys(id);
            assertThat(eventStore.activeSlots(calendar).get(id).start()).as(calendar).isEqualTo(later);
            assertThat(eventStore.liveHolds(calendar)).as(calendar).isEmpty();
        }
        assertThat(desk().get("/users/room-7/history").send().json().path("events"))
                .extracting(event -> event.path("type").asText())
                .containsExactly("AppointmentBooked", "AppointmentRescheduled");
        long eventsBefore = eventStore.eventCount();
        Response again = desk().post("/appointments/" + id + "/reschedule").json(move(later)).send();
        assertThat(again.status()).isEqualTo(200);
        assertThat(eventStore.eventCount()).as("moved there already: nothing asked").isEqualTo(eventsBefore);
        Eventually.await("the move in alice-7's listing", Duration.ofSeconds(30), () -> desk()
                .get("/users/alice-7/appointments").send().json().path("appointments").get(0).path("start").asText()
                .equals(later.toString()));

        // room 7 is taken at 13:00: a move there is refused whole, naming the room, and the visit stays everywhere
        Instant taken = start.plus(Duration.ofHours(3));
        assertThat(desk().post("/users/room-7/appointments").json(slot(taken, taken.plus(Duration.ofHours(1)))).send()
                         .status()).isEqualTo(201);
        Response refused = desk().post("/appointments/" + id + "/reschedule").json(move(taken)).send();

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.problemCode()).isEqualTo("participant-unavailable");
        assertThat(refused.json().path("conflicts").get(0).path("calendarId").asText()).isEqualTo("room-7");
        assertThat(refused.body()).doesNotContain("Room booked");
        for (String calendar : List.of("lee-7", "room-7", "alice-7")) {
            assertThat(eventStore.activeSlots(calendar).get(id).start()).as(calendar).isEqualTo(later);
            assertThat(eventStore.liveHolds(calendar)).as(calendar).isEmpty();
        }
        assertThat(service.api().as("alice-7").get("/appointments/" + id + "/history").send().json().path("events"))
                .extracting(event -> event.path("type").asText())
                .containsExactly("VisitBooked", "VisitRescheduled");
        // who may not move it, and what is not a move, change nothing: the patient moves it only with published
        // calendars, as she books
        long beforeRefusals = eventStore.eventCount();
        assertThat(service.api().as("alice-7").post("/appointments/" + id + "/reschedule").json(move(later.plusSeconds(3600)))
                          .send().status()).isEqualTo(403);
        assertThat(service.api().as("mallory").post("/appointments/" + id + "/reschedule").json(move(later.plusSeconds(3600)))
                          .send().status()).isEqualTo(403);
        assertThat(service.api().as("auditor-7", "auditor").post("/appointments/" + id + "/reschedule")
                          .json(move(later.plusSeconds(3600))).send().status()).isEqualTo(403);
        Response invalid = desk().post("/appointments/" + id + "/reschedule").json("{\"start\":\"soon\"}").send();
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(desk().post("/appointments/" + id + "/reschedule")
                         .json(move(Instant.parse("2020-01-01T10:00:00Z"))).send().problemCode()).isEqualTo("start-in-past");
        assertThat(eventStore.eventCount()).isEqualTo(beforeRefusals);
        // cancelled, it moves no more
        assertThat(desk().delete("/appointments/" + id).send().status()).isEqualTo(204);
        assertThat(desk().post("/appointments/" + id + "/reschedule").json(move(start)).send().problemCode())
                .isEqualTo("appointment-cancelled");
    }

    @Test
    void a_user_books_themself_with_published_calendars_only() {
        Instant start = day(44).plus(Duration.ofHours(11));
        for (String calendar : List.of("lee-5", "room-5")) {
            Response rules = desk().call("PUT", "/users/" + calendar + "/availability").json("""
                    {"timeZone":"UTC","published":%s,
                     "weekly":{"MONDAY":[{"start":"00:00","end":"23:59"}],"TUESDAY":[{"start":"00:00","end":"23:59"}],
                               "WEDNESDAY":[{"start":"00:00","end":"23:59"}],"THURSDAY":[{"start":"00:00","end":"23:59"}],
                               "FRIDAY":[{"start":"00:00","end":"23:59"}],"SATURDAY":[{"start":"00:00","end":"23:59"}],
                               "SUNDAY":[{"start":"00:00","end":"23:59"}]}}""".formatted(calendar.equals("lee-5"))).send();
            assertThat(rules.status()).as(rules.body()).isEqualTo(200);
        }
        // at once: whether a calendar is published is the calendar's own to say, never the read model's
        Api alice = service.api().as("alice-5");

        Response withPublished = alice.post("/appointments").json("""
                {"participants":[{"calendarId":"lee-5","role":"practitioner"},{"calendarId":"alice-5","role":"patient"}],
                 "start":"%s","end":"%s"}""".formatted(start, start.plus(Duration.ofMinutes(30)))).send();
        Response withUnpublishedRoom = alice.post("/appointments").json(visit(start.plus(Duration.ofHours(1)), "lee-5",
                "room-5", "alice-5")).send();
        Response forSomeoneElse = alice.post("/appointments").json("""
                {"participants":[{"calendarId":"lee-5","role":"practitioner"},{"calendarId":"bob-5","role":"patient"}],
                 "start":"%s","end":"%s"}""".formatted(start, start.plus(Duration.ofMinutes(30)))).send();
        Response overriding = alice.post("/appointments").json("""
                {"participants":[{"calendarId":"lee-5","role":"practitioner"},{"calendarId":"alice-5","role":"patient"}],
                 "start":"%s","end":"%s","overrideAvailability":true}""".formatted(start, start.plus(Duration.ofMinutes(30))))
                                 .send();
        Response asAuditor = service.api().as("auditor-5", "auditor").post("/appointments")
                                    .json(visit(start.plus(Duration.ofHours(3)), "lee-5", "room-5", "alice-5")).send();

        assertThat(withPublished.status()).as(withPublished.body()).isEqualTo(201);
        assertThat(withUnpublishedRoom.status()).isEqualTo(403);
        assertThat(forSomeoneElse.status()).isEqualTo(403);
        assertThat(overriding.status()).isEqualTo(403);
        assertThat(asAuditor.status()).isEqualTo(403);
        assertThat(eventStore.activeSlots("room-5")).isEmpty();
        assertThat(eventStore.activeSlots("bob-5")).isEmpty();
    }

    @Test
    void bad_requests_get_field_errors_and_change_nothing() {
        long eventsBefore = eventStore.eventCount();
        Response invalid = desk().post("/appointments").json("""
                {"participants":[{"calendarId":"a b","role":"practitioner"},{"calendarId":"x","role":"boss"},
                                 {"calendarId":"x","role":"patient"}],
                 "start":"2027-01-01T10:00:00","end":"later","timeZone":"Mars/Base"}""").send();
        Response alone = desk().post("/appointments").json("""
                {"participants":[{"calendarId":"x","role":"practitioner"}],"start":"%s","end":"%s"}"""
                .formatted(day(45), day(45).plus(Duration.ofHours(1)))).send();
        Response past = desk().post("/appointments").json(visit(Instant.parse("2020-01-01T10:00:00Z"), "lee-6", "room-6",
                "alice-6")).send();
        Response unknownField = desk().post("/appointments").json("{\"participants\":[],\"colour\":\"red\"}").send();

        assertThat(invalid.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        invalid.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("participants[0].calendarId", "participants[1].role",
                "participants[2].calendarId", "start", "end", "timeZone");
        assertThat(alone.status()).isEqualTo(400);
        assertThat(alone.json().path("errors").get(0).path("field").asText()).isEqualTo("participants");
        assertThat(past.status()).isBetween(400, 499);
        assertThat(past.problemCode()).isEqualTo("start-in-past");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(eventStore.eventCount()).isEqualTo(eventsBefore);
    }

    private static Api desk() {
        return service.api().as("desk", "front-desk");
    }

    private static String visit(Instant start, String practitioner, String room, String patient) {
        return """
                {"participants":[{"calendarId":"%s","role":"practitioner"},{"calendarId":"%s","role":"location"},
                                 {"calendarId":"%s","role":"patient"}],
                 "start":"%s","end":"%s","title":"Check-up","timeZone":"Europe/Amsterdam"}"""
                .formatted(practitioner, room, patient, start, start.plus(Duration.ofMinutes(30)));
    }

    private static String move(Instant start) {
        return "{\"start\":\"" + start + "\",\"end\":\"" + start.plus(Duration.ofMinutes(30)) + "\"}";
    }

    private static String slot(Instant start, Instant end) {
        return "{\"start\":\"" + start + "\",\"end\":\"" + end + "\",\"title\":\"Room booked\"}";
    }

    private static List<String> roles(JsonNode appointment) {
        List<String> roles = new ArrayList<>();
        appointment.path("participants").forEach(p -> roles.add(p.path("calendarId").asText() + ":" + p.path("role").asText()));
        return roles;
    }
}
