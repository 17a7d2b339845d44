package dev.scheduling.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Availability through real HTTP with tokens of the local issuer: rules set, read and removed; bookings refused by
 * them with DESIGN's codes; the front desk's override, recorded; slot search and free/busy from the read model, and
 * who sees them. Dr Lee works Monday to Friday in Amsterdam, 09:00-12:00 and 13:00-17:00, ten minutes after each
 * patient, two hours' notice, 90 days ahead, published; room 4 is open 14:00-18:00 on weekdays.
 */
class AvailabilityIT {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);

    private static final String DR_LEE = """
            {"timeZone":"Europe/Amsterdam",
             "weekly":{"MONDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:00"}],
                       "TUESDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:00"}],
                       "WEDNESDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:00"}],
                       "THURSDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:00"}],
                       "FRIDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:00"}]},
             "overrides":[{"date":"%s","hours":[]}],
             "bufferBefore":"PT0S","bufferAfter":"PT10M","minimumNotice":"PT2H","bookingHorizon":"P90D",
             "published":true}""";

    private static RunningService service;
    private static EventStoreReader eventStore;
    /** A Tuesday at least three days ahead, in Amsterdam: inside Dr Lee's notice and horizon. */
    private static LocalDate tuesday;
    /** The Wednesday after it: Dr Lee is away. */
    private static LocalDate awayDay;

    @BeforeAll
    static void start() {
        String database = TestPostgres.newDatabase();
        // every command loads its calendar from the event store, from a snapshot once there are five events: the rules
        // must come back from both
        service = RunningService.onDatabase(database, "scheduling.snapshot-threshold=5", "scheduling.aggregate-cache-size=0");
        eventStore = new EventStoreReader(database);
        tuesday = LocalDate.now(AMSTERDAM).plusDays(3).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
        awayDay = tuesday.plusDays(1);
        Response set = drLee().call("PUT", "/users/dr-lee/availability").json(DR_LEE.formatted(awayDay)).send();
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        Response room = desk().call("PUT", "/users/room-4/availability").json("""
                {"timeZone":"Europe/Amsterdam","published":true,
                 "weekly":{"MONDAY":[{"start":"14:00","end":"18:00"}],"TUESDAY":[{"start":"14:00","end":"18:00"}],
                           "WEDNESDAY":[{"start":"14:00","end":"18:00"}],"THURSDAY":[{"start":"14:00","end":"18:00"}],
                           "FRIDAY":[{"start":"14:00","end":"18:00"}]}}""").send();
        assertThat(room.status()).as(room.body()).isEqualTo(200);
        Eventually.await("both calendars' rules in the read model", Duration.ofSeconds(30),
                () -> drLee().get("/users/dr-lee/availability").send().status() == 200
                        && desk().get("/users/room-4/availability").send().status() == 200);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void the_rules_read_back_as_they_were_set() {
        Response read = drLee().get("/users/dr-lee/availability").send();

        assertThat(read.status()).isEqualTo(200);
        JsonNode rules = read.json();
        assertThat(rules.path("timeZone").asText()).isEqualTo("Europe/Amsterdam");
        assertThat(rules.path("weekly").path("MONDAY").get(1).path("start").asText()).isEqualTo("13:00");
        assertThat(rules.path("weekly").has("SATURDAY")).isFalse();
        assertThat(rules.path("overrides").get(0).path("date").asText()).isEqualTo(awayDay.toString());
        assertThat(rules.path("overrides").get(0).path("hours")).isEmpty();
        assertThat(rules.path("bufferAfter").asText()).isEqualTo("PT10M");
        assertThat(rules.path("minimumNotice").asText()).isEqualTo("PT2H");
        assertThat(rules.path("bookingHorizon").asText()).isEqualTo("P90D");
        assertThat(rules.path("published").asBoolean()).isTrue();
    }

    @Test
    void invalid_rules_get_400_naming_every_field_and_write_nothing() {
        long before = eventStore.eventCount();

        Response unreadable = drLee().call("PUT", "/users/dr-lee/availability").json("""
                {"timeZone":"Mars/Olympus",
                 "weekly":{"MONDAY":[{"start":"09:00","end":"08:00"}],"FUNDAY":[{"start":"09:00","end":"10:00"}],
                           "TUESDAY":[{"start":"9am","end":"25:00"}]},
                 "overrides":[{"date":"2027-02-30","hours":[]}],
                 "minimumNotice":"soon"}""").send();
        Response inconsistent = drLee().call("PUT", "/users/dr-lee/availability").json("""
                {"timeZone":"Europe/Amsterdam",
                 "weekly":{"TUESDAY":[{"start":"09:00","end":"12:00"},{"start":"11:00","end":"13:00"}]},
                 "bufferAfter":"-PT10M","bookingHorizon":"P10000D"}""").send();

        assertThat(List.of(unreadable, inconsistent)).allSatisfy(response -> {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.problemCode()).isEqualTo("invalid-request");
        });
        assertThat(fields(unreadable)).contains("timeZone", "weekly.MONDAY[0].end", "weekly.FUNDAY",
                "weekly.TUESDAY[0].start", "weekly.TUESDAY[0].end", "overrides[0].date", "minimumNotice");
        assertThat(inconsistent.body()).contains("must be at most P3660D");
        assertThat(fields(inconsistent)).contains("bufferAfter", "bookingHorizon")
                .anyMatch(field -> field.startsWith("weekly.TUESDAY"));
        assertThat(eventStore.eventCount()).isEqualTo(before);
    }

    @Test
    void bookings_outside_the_rules_get_their_codes_and_write_nothing() {
        long before = eventStore.eventCount();

        Response saturday = drLee().calendar("dr-lee").book(Bookings.at(
                at(tuesday.with(TemporalAdjusters.next(DayOfWeek.SATURDAY)), "10:00"), HALF_HOUR));
        Response lunch = drLee().calendar("dr-lee").book(Bookings.at(at(tuesday, "11:45"), HALF_HOUR));
        Response away = drLee().calendar("dr-lee").book(Bookings.at(at(awayDay, "10:00"), HALF_HOUR));
        Response tooSoon = drLee().calendar("dr-lee").book(Bookings.at(
                Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES), HALF_HOUR));
        Response tooFar = drLee().calendar("dr-lee").book(Bookings.at(at(tuesday.plusDays(91), "10:00"), HALF_HOUR));

        assertThat(List.of(saturday, lunch, away)).allSatisfy(response -> {
            assertThat(response.status()).as(response.body()).isEqualTo(409);
            assertThat(response.problemCode()).isEqualTo("outside-availability");
        });
        assertThat(tooSoon.status()).as(tooSoon.body()).isEqualTo(409);
        assertThat(tooSoon.problemCode()).isIn("notice-too-short", "outside-availability");
        assertThat(tooFar.status()).as(tooFar.body()).isEqualTo(409);
        assertThat(tooFar.problemCode()).isEqualTo("beyond-booking-horizon");
        assertThat(eventStore.eventCount()).isEqualTo(before);
    }

    @Test
    void notice_is_counted_from_the_request_on_a_calendar_open_at_all_hours() {
        putAlwaysOpen("nurse-kim", "\"minimumNotice\":\"PT2H\"");

        Response tooSoon = kim().calendar("nurse-kim").book(Bookings.at(
                Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES), HALF_HOUR));
        Response inTime = kim().calendar("nurse-kim").book(Bookings.at(
                Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES), HALF_HOUR));

        assertThat(tooSoon.status()).as(tooSoon.body()).isEqualTo(409);
        assertThat(tooSoon.problemCode()).isEqualTo("notice-too-short");
        assertThat(inTime.status()).as(inTime.body()).isEqualTo(201);
    }

    @Test
    void the_buffer_after_an_appointment_answers_overlap_naming_it() {
        Instant nine = at(tuesday, "09:00");
        String first = desk().calendar("dr-lee").booked(Bookings.at(nine, HALF_HOUR));

        Response inBuffer = desk().calendar("dr-lee").book(Bookings.at(nine.plus(Duration.ofMinutes(35)), HALF_HOUR));
        Response afterBuffer = desk().calendar("dr-lee").book(Bookings.at(nine.plus(Duration.ofMinutes(40)), HALF_HOUR));
        Response overridden = desk().post("/users/dr-lee/appointments").json("""
                {"start":"%s","end":"%s","overrideAvailability":true}"""
                .formatted(nine.plus(Duration.ofMinutes(35)), nine.plus(Duration.ofMinutes(65)))).send();

        assertThat(inBuffer.status()).as(inBuffer.body()).isEqualTo(409);
        assertThat(inBuffer.problemCode()).isEqualTo("appointment-overlap");
        assertThat(inBuffer.json().path("conflictingAppointmentId").asText()).isEqualTo(first);
        assertThat(afterBuffer.status()).as(afterBuffer.body()).isEqualTo(201);
        assertThat(overridden.status()).as("non-overlap is never overridden: " + overridden.body()).isEqualTo(409);
        assertThat(overridden.problemCode()).isEqualTo("appointment-overlap");
    }

    @Test
    void the_front_desk_books_outside_the_hours_with_an_override_recorded_on_the_event() {
        Instant evening = at(tuesday.plusDays(7), "19:00");
        String body = """
                {"start":"%s","end":"%s","overrideAvailability":true}""".formatted(evening, evening.plus(HALF_HOUR));
        long before = eventStore.eventCount();

        Response byOwner = drLee().post("/users/dr-lee/appointments").json(body).send();
        Response byPatient = service.api().as("pat").post("/users/dr-lee/appointments").json(body).send();
        assertThat(byOwner.status()).as(byOwner.body()).isEqualTo(403);
        assertThat(byPatient.status()).as(byPatient.body()).isEqualTo(403);
        assertThat(eventStore.eventCount()).isEqualTo(before);

        Response byDesk = desk().post("/users/dr-lee/appointments").json(body).send();

        assertThat(byDesk.status()).as(byDesk.body()).isEqualTo(201);
        String id = byDesk.json().path("id").asText();
        JsonNode booked = eventStore.events("dr-lee").stream()
                .filter(event -> event.type().endsWith("AppointmentBooked")
                        && event.payload().path("appointmentId").toString().contains(id))
                .findFirst().orElseThrow().payload();
        assertThat(booked.path("overriddenRules").toString()).contains("outside-availability");
        assertThat(booked.toString()).doesNotContain("notice-too-short");
    }

    @Test
    void every_slot_offered_is_inside_the_hours_and_bookable_and_then_gone() {
        LocalDate thursday = tuesday.plusDays(2);
        Instant from = thursday.atStartOfDay(AMSTERDAM).toInstant();
        Instant to = thursday.plusDays(1).atStartOfDay(AMSTERDAM).toInstant();

        List<Slot> slots = slots(service.api().as("pat"), "/users/dr-lee/slots", from, to, "&duration=PT30M");

        assertThat(slots).isNotEmpty().allSatisfy(slot -> {
            LocalTime start = slot.start().atZone(AMSTERDAM).toLocalTime();
            LocalTime end = slot.end().atZone(AMSTERDAM).toLocalTime();
            assertThat(Duration.between(slot.start(), slot.end())).isEqualTo(HALF_HOUR);
            assertThat((!start.isBefore(LocalTime.of(9, 0)) && !end.isAfter(LocalTime.of(12, 0)))
                    || (!start.isBefore(LocalTime.of(13, 0)) && !end.isAfter(LocalTime.of(17, 0)))).isTrue();
        });
        assertThat(slots.get(0).start()).isEqualTo(at(thursday, "09:00"));

        Slot chosen = slots.get(1);
        Response booked = service.api().as("pat-1", "front-desk").calendar("dr-lee")
                                 .book(Bookings.at(chosen.start(), HALF_HOUR).title("Check-up"));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);

        Eventually.await("the booking gone from the slots", Duration.ofSeconds(30), () ->
                !slots(service.api().as("pat"), "/users/dr-lee/slots", from, to, "&duration=PT30M").contains(chosen));
        Response busy = service.api().as("pat").get("/users/dr-lee/busy?from=" + from + "&to=" + to).send();
        assertThat(busy.status()).isEqualTo(200);
        assertThat(busy.json().path("busy").toString()).contains(chosen.start().toString())
                .doesNotContain("Check-up").doesNotContain(booked.json().path("id").asText());
        assertThat(busy.json().path("busy").get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("start", "end");
    }

    @Test
    void the_next_half_hour_free_for_dr_lee_and_room_4_is_bookable_on_both() {
        Instant from = tuesday.plusDays(14).atStartOfDay(AMSTERDAM).toInstant();

        List<Slot> next = slots(desk(), "/slots", from, from.plus(Duration.ofDays(7)),
                "&calendars=dr-lee,room-4&duration=PT30M&step=PT15M&limit=1");

        assertThat(next).singleElement().satisfies(slot -> {
            assertThat(slot.start().atZone(AMSTERDAM).toLocalTime()).isEqualTo(LocalTime.of(14, 0));
            assertThat(desk().calendar("dr-lee").book(Bookings.at(slot.start(), HALF_HOUR)).status()).isEqualTo(201);
            assertThat(desk().calendar("room-4").book(Bookings.at(slot.start(), HALF_HOUR)).status()).isEqualTo(201);
        });
    }

    @Test
    void an_unpublished_calendar_is_seen_by_its_owner_and_staff_only() {
        putAlwaysOpen("pat-2", "\"published\":false");
        Eventually.await("pat-2's rules in the read model", Duration.ofSeconds(30),
                () -> service.api().as("pat-2").get("/users/pat-2/availability").send().status() == 200);
        Instant from = tuesday.atStartOfDay(AMSTERDAM).toInstant();
        String query = "?from=" + from + "&to=" + from.plus(Duration.ofDays(1));
        long before = eventStore.eventCount();

        for (String path : List.of("/users/pat-2/availability", "/users/pat-2/slots" + query + "&duration=PT30M",
                "/users/pat-2/busy" + query, "/slots" + query + "&duration=PT30M&calendars=dr-lee,pat-2")) {
            assertThat(service.api().as("pat").get(path).send().status()).as("another user on " + path).isEqualTo(403);
            // refused before the request is looked at: a wrong parameter does not tell a stranger more
            assertThat(service.api().as("pat").get(path + (path.contains("?") ? "&" : "?") + "duration=nonsense")
                              .send().status()).isEqualTo(403);
            assertThat(service.api().as("pat-2").get(path).send().status()).as("the owner on " + path).isEqualTo(200);
            assertThat(service.api().as("audit-1", "auditor").get(path).send().status()).as("an auditor on " + path)
                    .isEqualTo(200);
        }
        assertThat(service.api().as("pat").call("PUT", "/users/pat-2/availability").json("{}").send().status())
                .isEqualTo(403);
        assertThat(service.api().as("pat").delete("/users/pat-2/availability").send().status()).isEqualTo(403);
        assertThat(service.api().anonymous().get("/users/dr-lee/slots" + query + "&duration=PT30M").send().status())
                .isEqualTo(401);
        assertThat(eventStore.eventCount()).isEqualTo(before);
    }

    @Test
    void search_parameters_out_of_bounds_get_400_naming_them() {
        Instant from = tuesday.atStartOfDay(AMSTERDAM).toInstant();
        Api pat = service.api().as("pat");
        record Case(String query, String field) {
        }
        String tooMany = IntStream.range(0, 21).mapToObj(i -> "c-" + i).collect(Collectors.joining(","));
        for (Case bad : List.of(
                new Case("/users/dr-lee/slots?to=" + from + "&duration=PT30M", "from"),
                new Case("/users/dr-lee/slots?from=" + from + "&to=" + from.plus(Duration.ofDays(32)) + "&duration=PT30M", "to"),
                new Case("/users/dr-lee/slots?from=" + from + "&to=" + from.plus(Duration.ofDays(1)), "duration"),
                new Case("/users/dr-lee/slots?from=" + from + "&to=" + from.plus(Duration.ofDays(1)) + "&duration=PT0S", "duration"),
                new Case("/users/dr-lee/slots?from=" + from + "&to=" + from.plus(Duration.ofDays(1)) + "&duration=PT30M&limit=0", "limit"),
                new Case("/users/dr-lee/slots?from=" + from + "&to=" + from.plus(Duration.ofDays(1)) + "&duration=PT30M&limit=501", "limit"),
                new Case("/users/dr-lee/slots?from=" + from + "&to=" + from.plus(Duration.ofDays(1)) + "&duration=PT30M&step=P1Y", "step"),
                new Case("/users/dr-lee/busy?from=" + from.plus(Duration.ofDays(1)) + "&to=" + from, "to"),
                new Case("/slots?from=" + from + "&to=" + from.plus(Duration.ofDays(1)) + "&duration=PT30M", "calendars"),
                new Case("/slots?calendars=" + tooMany + "&from=" + from + "&to=" + from.plus(Duration.ofDays(1))
                        + "&duration=PT30M", "calendars"))) {
            Response response = pat.get(bad.query()).send();
            assertThat(response.status()).as(bad.query() + ": " + response.body()).isEqualTo(400);
            assertThat(fields(response)).as(bad.query()).contains(bad.field());
        }
    }

    @Test
    void the_history_and_the_calendar_as_of_carry_the_rules_then_in_force() {
        putAlwaysOpen("dr-ng", "\"bufferBefore\":\"PT5M\"");
        Instant between = Instant.now();
        Eventually.pause(Duration.ofMillis(20));
        putAlwaysOpen("dr-ng", "\"bufferBefore\":\"PT15M\"");

        Response history = desk().calendar("dr-ng").history();
        Response asOf = desk().get("/users/dr-ng/calendar?asOf=" + between).send();

        assertThat(history.status()).isEqualTo(200);
        List<JsonNode> changes = new ArrayList<>();
        history.json().path("events").forEach(entry -> {
            if (entry.path("type").asText().equals("AvailabilityChanged")) {
                changes.add(entry);
            }
        });
        assertThat(changes).hasSize(2).allSatisfy(change -> {
            assertThat(change.path("revision").asText()).isEqualTo("1");
            assertThat(change.path("actor").asText()).isEqualTo("desk-1");
        });
        assertThat(asOf.status()).as(asOf.body()).isEqualTo(200);
        assertThat(asOf.json().path("availability").path("bufferBefore").asText()).isEqualTo("PT5M");
    }

    @Test
    void removing_the_rules_opens_the_calendar_again() {
        putAlwaysOpen("dr-park", "\"minimumNotice\":\"P7D\"");
        Response refused = desk().calendar("dr-park").book(Bookings.at(Bookings.day(2), HALF_HOUR));
        assertThat(refused.problemCode()).isEqualTo("notice-too-short");

        Response removed = desk().delete("/users/dr-park/availability").send();
        Response nothingToRemove = desk().delete("/users/nobody-here/availability").send();

        assertThat(removed.status()).isEqualTo(204);
        assertThat(nothingToRemove.status()).isEqualTo(204);
        assertThat(eventStore.events("nobody-here")).isEmpty();
        assertThat(desk().calendar("dr-park").book(Bookings.at(Bookings.day(2), HALF_HOUR)).status()).isEqualTo(201);
        Eventually.await("the rules gone from the read model", Duration.ofSeconds(30), () ->
                "availability-not-set".equals(desk().get("/users/dr-park/availability").send().problemCode()));
        assertThat(desk().get("/users/dr-park/availability").send().status()).isEqualTo(404);
    }

    @Test
    void the_rules_hold_on_a_calendar_loaded_from_its_snapshot() {
        putAlwaysOpen("dr-snap", "\"bufferAfter\":\"PT15M\",\"bookingHorizon\":\"P60D\"");
        Instant start = Bookings.day(5);
        for (int i = 0; i < 12; i++) {
            desk().calendar("dr-snap").booked(Bookings.at(start.plus(Duration.ofHours(i)), HALF_HOUR));
        }
        assertThat(eventStore.snapshotCount("dr-snap")).isPositive();

        Response inBuffer = desk().calendar("dr-snap").book(Bookings.at(start.plus(Duration.ofMinutes(35)), Duration.ofMinutes(20)));
        Response tooFar = desk().calendar("dr-snap").book(Bookings.at(Bookings.day(70), HALF_HOUR));

        assertThat(inBuffer.problemCode()).as(inBuffer.body()).isEqualTo("appointment-overlap");
        assertThat(tooFar.problemCode()).as(tooFar.body()).isEqualTo("beyond-booking-horizon");
    }

    record Slot(Instant start, Instant end) {
    }

    private static List<Slot> slots(Api api, String path, Instant from, Instant to, String more) {
        Response response = api.get(path + (path.contains("?") ? "&" : "?") + "from=" + from + "&to=" + to + more).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<Slot> slots = new ArrayList<>();
        response.json().path("slots").forEach(slot -> slots.add(new Slot(Instant.parse(slot.path("start").asText()),
                Instant.parse(slot.path("end").asText()))));
        return slots;
    }

    /** Rules open every hour of every day in UTC, with {@code more} fields; set by the front desk. */
    private static void putAlwaysOpen(String calendar, String more) {
        String day = "[{\"start\":\"00:00\",\"end\":\"24:00\"}]";
        String weekly = java.util.Arrays.stream(DayOfWeek.values()).map(d -> "\"" + d + "\":" + day)
                                        .collect(Collectors.joining(","));
        Response response = desk().call("PUT", "/users/" + calendar + "/availability")
                .json("{\"timeZone\":\"UTC\",\"weekly\":{" + weekly + "}," + more + "}").send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static List<String> fields(Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    private static Instant at(LocalDate date, String time) {
        return ZonedDateTime.of(date, LocalTime.parse(time), AMSTERDAM).toInstant();
    }

    private static Api drLee() {
        return service.api().as("dr-lee");
    }

    private static Api kim() {
        return service.api().as("nurse-kim");
    }

    private static Api desk() {
        return service.api().as("desk-1", "front-desk");
    }
}
