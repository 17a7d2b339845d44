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
import java.util.UUID;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds for a booking form through real HTTP with tokens of the local issuer: a slot kept on several calendars at
 * once (busy there, in slot search and busy times too), booked with its id, given up, or expiring by itself (each
 * calendar reads it lapsed from its expiry on, with no deadline to wait for), and who may do which. Each test uses a
 * day and calendars of its own.
 */
class HoldsIT {

    private static final Duration HALF_HOUR = Duration.ofMinutes(30);
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
    void a_hold_keeps_the_slot_busy_on_every_calendar_until_it_is_booked_under_its_id() {
        Instant start = day(50).plus(Duration.ofHours(14));
        Instant before = Instant.now();
        Response held = desk().post("/holds").json(hold(start, "PT10M", "lee-h1", "room-h1", "alice-h1")).send();

        assertThat(held.status()).as(held.body()).isEqualTo(201);
        String id = held.json().path("id").asText();
        assertThat(held.header("Location")).isEqualTo("/holds/" + id);
        assertThat(held.json().path("status").asText()).isEqualTo("HELD");
        assertThat(held.json().has("title")).as("no details until it is booked").isFalse();
        Instant expiresAt = Instant.parse(held.json().path("expiresAt").asText());
        assertThat(expiresAt).isBetween(before.plus(Duration.ofMinutes(10)), Instant.now().plus(Duration.ofMinutes(10)));
        for (String calendar : List.of("lee-h1", "room-h1", "alice-h1")) {
            assertThat(eventStore.liveHolds(calendar)).as(calendar).containsOnlyKeys(id);
        }
        // busy for everyone else: a booking of the room, slot search, busy times
        Response roomBooking = desk().post("/users/room-h1/appointments").json(slot(start.plus(Duration.ofMinutes(15))))
                                     .send();
        assertThat(roomBooking.status()).isEqualTo(409);
        assertThat(roomBooking.problemCode()).isEqualTo("appointment-overlap");
        String range = "from=" + start.minus(Duration.ofHours(1)) + "&to=" + start.plus(Duration.ofHours(2));
        Eventually.await("the hold in room-h1's busy times", Duration.ofSeconds(30),
                () -> busy("room-h1", range).contains(start + "/" + start.plus(HALF_HOUR)));
        assertThat(slots("lee-h1,room-h1", range)).contains(start.minus(Duration.ofHours(1)).toString(),
                start.plus(HALF_HOUR).toString()).doesNotContain(start.toString());

        Response booked = desk().post("/appointments").json("""
                {"holdId":"%s","title":"Check-up","timeZone":"Europe/Amsterdam"}""".formatted(id)).send();

        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        assertThat(booked.json().path("id").asText()).isEqualTo(id);
        assertThat(booked.header("Location")).isEqualTo("/appointments/" + id);
        assertThat(booked.json().path("status").asText()).isEqualTo("BOOKED");
        assertThat(booked.json().path("title").asText()).isEqualTo("Check-up");
        assertThat(booked.json().has("expiresAt")).as("booked: the hold's expiry no longer matters").isFalse();
        for (String calendar : List.of("lee-h1", "room-h1", "alice-h1")) {
            assertThat(eventStore.activeSlots(calendar)).as(calendar).containsOnlyKeys(id);
            assertThat(eventStore.liveHolds(calendar)).as(calendar).isEmpty();
        }
        Eventually.await("the visit in alice-h1's listing", Duration.ofSeconds(30), () -> {
            JsonNode listed = desk().get("/users/alice-h1/appointments").send().json().path("appointments");
            return listed.size() == 1 && listed.get(0).path("id").asText().equals(id);
        });
        assertThat(busy("room-h1", range)).containsExactly(start + "/" + start.plus(HALF_HOUR));
        // the same booking again is answered as it stands; the hold can no longer be given up or booked otherwise
        Response again = desk().post("/appointments").json("""
                {"holdId":"%s","title":"Check-up","timeZone":"Europe/Amsterdam"}""".formatted(id)).send();
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        Response otherwise = desk().post("/appointments").json("{\"holdId\":\"" + id + "\",\"title\":\"Other\"}").send();
        assertThat(otherwise.status()).isEqualTo(409);
        assertThat(otherwise.problemCode()).isEqualTo("hold-expired");
        assertThat(desk().delete("/holds/" + id).send().problemCode()).isEqualTo("hold-expired");
        assertThat(eventStore.visitStatus(id)).isEqualTo("BOOKED");
        assertThat(eventStore.activeSlots("room-h1")).containsOnlyKeys(id);
    }

    @Test
    void a_hold_given_up_frees_every_calendar_at_once_and_can_no_longer_be_booked() {
        Instant start = day(51).plus(Duration.ofHours(9));
        String id = desk().post("/holds").json(hold(start, null, "lee-h2", "room-h2", "alice-h2")).send()
                          .json().path("id").asText();
        Eventually.await("the hold in room-h2's busy times", Duration.ofSeconds(30),
                () -> !busy("room-h2", range(start)).isEmpty());

        Response released = desk().delete("/holds/" + id).send();

        assertThat(released.status()).as(released.body()).isEqualTo(204);
        for (String calendar : List.of("lee-h2", "room-h2", "alice-h2")) {
            assertThat(eventStore.liveHolds(calendar)).as(calendar).isEmpty();
        }
        assertThat(desk().get("/holds/" + id).send().json().path("status").asText()).isEqualTo("RELEASED");
        Response late = desk().post("/appointments").json("{\"holdId\":\"" + id + "\",\"title\":\"Check-up\"}").send();
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.problemCode()).isEqualTo("hold-expired");
        assertThat(desk().delete("/holds/" + id).send().status()).isEqualTo(204);
        Eventually.await("room-h2's busy times without the hold", Duration.ofSeconds(30),
                () -> busy("room-h2", range(start)).isEmpty());
        assertThat(desk().post("/users/room-h2/appointments").json(slot(start)).send().status()).isEqualTo(201);
    }

    @Test
    void a_hold_not_booked_in_time_expires_by_itself_everywhere() {
        Instant start = day(52).plus(Duration.ofHours(11));
        Response held = desk().post("/holds").json(hold(start, "PT5S", "lee-h3", "room-h3", "alice-h3")).send();
        assertThat(held.status()).as(held.body()).isEqualTo(201);
        String id = held.json().path("id").asText();

        Eventually.await("the hold to expire on every calendar", Duration.ofSeconds(60), () ->
                List.of("lee-h3", "room-h3", "alice-h3").stream().allMatch(calendar -> eventStore.liveHolds(calendar).isEmpty()));

        assertThat(desk().get("/holds/" + id).send().json().path("status").asText()).isEqualTo("EXPIRED");
        Response late = desk().post("/appointments").json("{\"holdId\":\"" + id + "\",\"title\":\"Check-up\"}").send();
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.problemCode()).isEqualTo("hold-expired");
        assertThat(eventStore.activeSlots("room-h3")).isEmpty();
        assertThat(desk().post("/users/room-h3/appointments").json(slot(start)).send().status()).isEqualTo(201);
    }

    @Test
    void a_hold_of_a_busy_room_is_refused_naming_the_room_and_nothing_is_kept() {
        Instant start = day(53).plus(Duration.ofHours(10));
        assertThat(desk().post("/users/room-h4/appointments").json(slot(start)).send().status()).isEqualTo(201);
        Response retry1 = desk().post("/holds").header("Idempotency-Key", "form-4")
                                .json(hold(start.plus(Duration.ofHours(2)), null, "lee-h4", "room-h4", "alice-h4")).send();
        Response retry2 = desk().post("/holds").header("Idempotency-Key", "form-4")
                                .json(hold(start.plus(Duration.ofHours(2)), null, "lee-h4", "room-h4", "alice-h4")).send();

        Response refused = desk().post("/holds").json(hold(start.plus(Duration.ofMinutes(15)), null, "lee-h4", "room-h4",
                "alice-h4")).send();

        assertThat(retry1.status()).isEqualTo(201);
        assertThat(retry2.status()).as(retry2.body()).isEqualTo(200);
        assertThat(retry2.json().path("id").asText()).isEqualTo(retry1.json().path("id").asText());
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.problemCode()).isEqualTo("participant-unavailable");
        JsonNode conflicts = refused.json().path("conflicts");
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).path("calendarId").asText()).isEqualTo("room-h4");
        assertThat(conflicts.get(0).path("code").asText()).isEqualTo("appointment-overlap");
        assertThat(refused.body()).doesNotContain("Room booked");
        for (String calendar : List.of("lee-h4", "room-h4", "alice-h4")) {
            assertThat(eventStore.liveHolds(calendar)).as(calendar).containsOnlyKeys(retry1.json().path("id").asText());
        }
    }

    @Test
    void only_who_placed_a_hold_the_front_desk_and_admins_book_or_give_it_up() {
        Instant start = day(54).plus(Duration.ofHours(10));
        String id = desk().post("/holds").json(hold(start, null, "lee-h5", "room-h5", "alice-h5")).send()
                          .json().path("id").asText();
        Api alice = service.api().as("alice-h5");

        assertThat(alice.delete("/holds/" + id).send().status()).as("a participant who did not place it").isEqualTo(403);
        assertThat(alice.post("/appointments").json("{\"holdId\":\"" + id + "\"}").send().status()).isEqualTo(403);
        assertThat(service.api().as("mallory").delete("/holds/" + id).send().status()).isEqualTo(403);
        assertThat(service.api().as("mallory").delete("/holds/" + UUID.randomUUID()).send().status()).isEqualTo(403);
        assertThat(service.api().as("auditor-h5", "auditor").delete("/holds/" + id).send().status()).isEqualTo(403);
        assertThat(alice.get("/holds/" + id).send().status()).as("a participant reads it").isEqualTo(200);
        assertThat(service.api().as("mallory").get("/holds/" + id).send().status()).isEqualTo(403);
        assertThat(alice.post("/holds").json(hold(start.plus(Duration.ofHours(2)), null, "lee-h5", "room-h5", "alice-h5"))
                        .send().status()).as("unpublished calendars").isEqualTo(403);
        assertThat(desk().delete("/holds/" + UUID.randomUUID()).send().problemCode()).isEqualTo("appointment-not-found");
        assertThat(eventStore.liveHolds("room-h5")).containsOnlyKeys(id);
        assertThat(service.api().as("admin-h5", "admin").delete("/holds/" + id).send().status()).isEqualTo(204);
        assertThat(eventStore.liveHolds("room-h5")).isEmpty();
    }

    @Test
    void bad_holds_and_bookings_of_holds_get_field_errors_and_change_nothing() {
        Instant start = day(55).plus(Duration.ofHours(10));
        String id = desk().post("/holds").json(hold(start, null, "lee-h6", "room-h6", "alice-h6")).send()
                          .json().path("id").asText();
        long eventsBefore = eventStore.eventCount();

        List<Response> refused = List.of(
                desk().post("/holds").json(hold(start.plus(Duration.ofHours(1)), "PT1S", "lee-h6", "room-h6", "alice-h6")).send(),
                desk().post("/holds").json(hold(start.plus(Duration.ofHours(1)), "PT16M", "lee-h6", "room-h6", "alice-h6")).send(),
                desk().post("/holds").json(hold(start.plus(Duration.ofHours(1)), "soon", "lee-h6", "room-h6", "alice-h6")).send(),
                desk().post("/appointments").json("{\"holdId\":\"not-a-uuid\"}").send(),
                desk().post("/appointments").json("""
                        {"holdId":"%s","participants":[{"calendarId":"lee-h6","role":"practitioner"},
                         {"calendarId":"room-h6","role":"location"},{"calendarId":"alice-h6","role":"patient"}],
                         "start":"%s","end":"%s"}""".formatted(id, start.plus(HALF_HOUR), start.plus(Duration.ofHours(1))))
                        .send(),
                desk().delete("/holds/not-a-uuid").send());

        List<String> fields = new ArrayList<>();
        for (Response response : refused) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            fields.add(response.json().path("errors").get(0).path("field").asText());
        }
        assertThat(fields).containsExactly("ttl", "ttl", "ttl", "holdId", "holdId", "holdId");
        assertThat(eventStore.eventCount()).isEqualTo(eventsBefore);
        assertThat(eventStore.visitStatus(id)).isEqualTo("HELD");
    }

    private static Api desk() {
        return service.api().as("desk", "front-desk");
    }

    private static String hold(Instant start, String ttl, String practitioner, String room, String patient) {
        return """
                {"participants":[{"calendarId":"%s","role":"practitioner"},{"calendarId":"%s","role":"location"},
                                 {"calendarId":"%s","role":"patient"}],
                 "start":"%s","end":"%s"%s}"""
                .formatted(practitioner, room, patient, start, start.plus(HALF_HOUR),
                        ttl == null ? "" : ",\"ttl\":\"" + ttl + "\"");
    }

    private static String slot(Instant start) {
        return "{\"start\":\"" + start + "\",\"end\":\"" + start.plus(HALF_HOUR) + "\",\"title\":\"Room booked\"}";
    }

    private static String range(Instant start) {
        return "from=" + start.minus(Duration.ofHours(1)) + "&to=" + start.plus(Duration.ofHours(2));
    }

    private static List<String> busy(String calendar, String range) {
        List<String> busy = new ArrayList<>();
        desk().get("/users/" + calendar + "/busy?" + range).send().json().path("busy")
              .forEach(slot -> busy.add(slot.path("start").asText() + "/" + slot.path("end").asText()));
        return busy;
    }

    private static List<String> slots(String calendars, String range) {
        List<String> starts = new ArrayList<>();
        desk().get("/slots?calendars=" + calendars + "&duration=PT30M&" + range).send().json().path("slots")
              .forEach(slot -> starts.add(slot.path("start").asText()));
        return starts;
    }
}
