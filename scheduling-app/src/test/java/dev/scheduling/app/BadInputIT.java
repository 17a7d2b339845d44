package dev.scheduling.app;

import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and refused requests, one table: each gets its 4xx problem answer, and the event store does not grow.
 */
class BadInputIT {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant BOOKED_START = day(10).plus(Duration.ofHours(10));
    private static final String USER = "alice";
    private static final String BOOKINGS = "/users/" + USER + "/appointments";

    private static RunningService service;
    private static EventStoreReader eventStore;
    private static Api api;
    private static String bookedId;

    record Case(String name, String method, String path, String contentType, byte[] body,
                Map<String, String> headers, int status, String code) {

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        String database = TestPostgres.newDatabase();
        service = RunningService.onDatabase(database);
        eventStore = new EventStoreReader(database);
        api = service.api();
        Response booked = api.post(BOOKINGS).json(Bookings.at(BOOKED_START, HOUR).json())
                             .header("Idempotency-Key", "setup-key").send();
        assertThat(booked.status()).isEqualTo(201);
        bookedId = booked.json().path("id").asText();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static List<Case> cases() {
        String start = day(12).plus(Duration.ofHours(9)).toString();
        String end = day(12).plus(Duration.ofHours(10)).toString();
        String localDay = day(12).toString().substring(0, 10);
        String valid = "\"start\":\"" + start + "\",\"end\":\"" + end + "\"";
        String reschedule = BOOKINGS + "/" + "%s" + "/reschedule";
        String unknownId = UUID.randomUUID().toString();
        List<Case> cases = new ArrayList<>();
        Table t = new Table(cases);

        // broken JSON
        t.book("unclosed object", "{", 400, "malformed-request");
        t.book("truncated object", "{\"start\":\"" + start + "\",", 400, "malformed-request");
        t.book("not JSON at all", "book me in", 400, "malformed-request");
        t.book("empty body", "", 400, "malformed-request");
        t.book("JSON null", "null", 400, "malformed-request");
        t.book("JSON array", "[]", 400, "malformed-request");
        t.book("JSON string", "\"tomorrow\"", 400, "malformed-request");
        t.book("trailing comma", "{" + valid + ",}", 400, "malformed-request");
        t.book("duplicate field", "{" + valid + ",\"start\":\"" + start + "\"}", 400, "malformed-request");
        t.book("two documents", "{" + valid + "}{" + valid + "}", 400, "malformed-request");
        t.book("deeply nested", "[".repeat(5000) + "]".repeat(5000), 400, "malformed-request");
        cases.add(new Case("invalid UTF-8", "POST", BOOKINGS, "application/json",
                invalidUtf8(valid), Map.of(), 400, "malformed-request"));
        // wrong types
        t.book("start is a number", "{\"start\":1764579600,\"end\":\"" + end + "\"}", 400, "invalid-request");
        t.book("end is a boolean", "{\"start\":\"" + start + "\",\"end\":true}", 400, "invalid-request");
        t.book("title is an object", "{" + valid + ",\"title\":{\"text\":\"x\"}}", 400, "invalid-request");
        t.book("timeZone is an array", "{" + valid + ",\"timeZone\":[\"UTC\"]}", 400, "invalid-request");
        // missing and unknown fields
        t.book("empty object", "{}", 400, "invalid-request");
        t.book("missing end", "{\"start\":\"" + start + "\"}", 400, "invalid-request");
        t.book("missing start", "{\"end\":\"" + end + "\"}", 400, "invalid-request");
        t.book("start is null", "{\"start\":null,\"end\":\"" + end + "\"}", 400, "invalid-request");
        t.book("unknown field", "{" + valid + ",\"colour\":\"red\"}", 400, "invalid-request");
        t.book("misspelt field", "{" + valid + ",\"timezone\":\"Europe/Paris\"}", 400, "invalid-request");
        // times
        t.book("local time without offset", "{\"start\":\"" + localDay + "T09:00:00\",\"end\":\"" + end + "\"}", 400, "invalid-request");
        t.book("date without time", "{\"start\":\"" + localDay + "\",\"end\":\"" + end + "\"}", 400, "invalid-request");
        t.book("month 13", "{\"start\":\"2030-13-01T09:00:00Z\",\"end\":\"" + end + "\"}", 400, "invalid-request");
        t.book("words for a time", "{\"start\":\"tomorrow at nine\",\"end\":\"" + end + "\"}", 400, "invalid-request");
        t.book("epoch millis as text", "{\"start\":\"1764579600000\",\"end\":\"" + end + "\"}", 400, "invalid-request");
        t.book("year 10000", "{\"start\":\"+10000-01-01T09:00:00Z\",\"end\":\"+10000-01-01T10:00:00Z\"}", 400, "invalid-request");
        t.book("year 10000 once in UTC", "{\"start\":\"9999-12-31T22:00:00-05:00\",\"end\":\"9999-12-31T23:00:00-05:00\"}", 400,
                "invalid-request");
        t.book("end before start", "{\"start\":\"" + end + "\",\"end\":\"" + start + "\"}", 400, "invalid-time-slot");
        t.book("end equal to start", "{\"start\":\"" + start + "\",\"end\":\"" + start + "\"}", 400, "invalid-time-slot");
        t.book("start in the past", Bookings.at(Instant.now().minus(Duration.ofDays(1)), HOUR).json(), 400, "start-in-past");
        t.book("longer than 24 hours", Bookings.at(day(12), Duration.ofHours(24).plusMinutes(1)).json(), 400, "appointment-too-long");
        // time zones
        t.book("unknown time zone", "{" + valid + ",\"timeZone\":\"Mars/Olympus_Mons\"}", 400, "invalid-request");
        t.book("offset instead of a zone", "{" + valid + ",\"timeZone\":\"+01:00\"}", 400, "invalid-request");
        t.book("empty time zone", "{" + valid + ",\"timeZone\":\"\"}", 400, "invalid-request");
        // strings
        t.book("title of 201 characters", "{" + valid + ",\"title\":\"" + "x".repeat(201) + "\"}", 400, "invalid-request");
        t.book("location of 5000 characters", "{" + valid + ",\"location\":\"" + "y".repeat(5000) + "\"}", 400, "invalid-request");
        t.book("title with a control character", "{" + valid + ",\"title\":\"bell\\u0007\"}", 400, "invalid-request");
        // user ids
        t.add("user id of 65 characters", "POST", "/users/" + "u".repeat(65) + "/appointments", "{" + valid + "}", 400, "invalid-request");
        t.add("user id with a space", "POST", "/users/al%20ice/appointments", "{" + valid + "}", 400, "invalid-request");
        t.add("user id with a non-ASCII letter", "POST", "/users/j%C3%B6rg/appointments", "{" + valid + "}", 400, "invalid-request");
        t.add("user id of only dots", "POST", "/users/.../appointments", "{" + valid + "}", 400, "invalid-request");
        t.add("path parameter after a user id", "POST", "/users/" + USER + ";drop/appointments", "{" + valid + "}", 400, "malformed-request");
        // availability: the override is a boolean, the rules a document of their own
        t.book("overrideAvailability as text", "{" + valid + ",\"overrideAvailability\":\"yes\"}", 400, "invalid-request");
        t.book("overrideAvailability as a number", "{" + valid + ",\"overrideAvailability\":1}", 400, "invalid-request");
        t.add("availability rules cut short", "PUT", "/users/" + USER + "/availability", "{\"timeZone\":", 400,
                "malformed-request");
        t.add("availability weekly as a list", "PUT", "/users/" + USER + "/availability",
                "{\"timeZone\":\"UTC\",\"weekly\":[]}", 400, "invalid-request");
        t.add("availability hours as numbers", "PUT", "/users/" + USER + "/availability",
                "{\"timeZone\":\"UTC\",\"weekly\":{\"MONDAY\":[{\"start\":9,\"end\":17}]}}", 400, "invalid-request");
        t.add("availability published as text", "PUT", "/users/" + USER + "/availability",
                "{\"timeZone\":\"UTC\",\"weekly\":{},\"published\":\"true\"}", 400, "invalid-request");
        // conflicts
        t.book("overlapping slot", Bookings.at(BOOKED_START.plus(Duration.ofMinutes(30)), HOUR).json(), 409, "appointment-overlap");
        cases.add(new Case("idempotency key reused for another slot", "POST", BOOKINGS, "application/json",
                Bookings.at(day(13), HOUR).json().getBytes(StandardCharsets.UTF_8),
                Map.of("Idempotency-Key", "setup-key"), 409, "idempotency-key-reused"));
        // reschedule
        t.add("reschedule a non-UUID id", "POST", reschedule.formatted("not-a-uuid"), "{" + valid + "}", 400, "invalid-request");
        t.add("reschedule an unknown appointment", "POST", reschedule.formatted(unknownId), "{" + valid + "}", 404, "appointment-not-found");
        t.add("reschedule with a local time", "POST", reschedule.formatted("%BOOKED%"),
                "{\"start\":\"" + localDay + "T09:00:00\",\"end\":\"" + end + "\"}", 400, "invalid-request");
        t.add("reschedule into the past", "POST", reschedule.formatted("%BOOKED%"),
                Bookings.at(Instant.now().minus(Duration.ofHours(3)), HOUR).json(), 400, "start-in-past");
        t.add("reschedule without an end", "POST", reschedule.formatted("%BOOKED%"), "{\"start\":\"" + start + "\"}", 400, "invalid-request");
        t.add("reschedule on an unknown calendar", "POST", "/users/nobody/appointments/" + unknownId + "/reschedule",
                "{" + valid + "}", 404, "appointment-not-found");
        // cancel
        t.add("cancel a non-UUID id", "DELETE", BOOKINGS + "/123", null, 400, "invalid-request");
        t.add("cancel an unknown appointment", "DELETE", BOOKINGS + "/" + unknownId, null, 404, "appointment-not-found");
        t.add("cancel with a reason of 201 characters", "DELETE", BOOKINGS + "/%BOOKED%?reason=" + "r".repeat(201), null, 400, "invalid-request");
        // headers
        t.header("idempotency key of 256 characters", "Idempotency-Key", "k".repeat(256), 400, "invalid-request");
        t.header("idempotency key with a space", "Idempotency-Key", "two words", 400, "invalid-request");
        t.header("request id of 129 characters", "X-Request-Id", "r".repeat(129), 400, "invalid-request");
        t.header("malformed request id", "X-Request-Id", "not/a{valid}id", 400, "invalid-request");
        // media types, sizes, methods
        cases.add(new Case("plain text body", "POST", BOOKINGS, "text/plain", ("{" + valid + "}").getBytes(StandardCharsets.UTF_8), Map.of(), 415, "unsupported-media-type"));
        cases.add(new Case("XML body", "POST", BOOKINGS, "application/xml", "<booking/>".getBytes(StandardCharsets.UTF_8), Map.of(), 415, "unsupported-media-type"));
        cases.add(new Case("no content type", "POST", BOOKINGS, null, ("{" + valid + "}").getBytes(StandardCharsets.UTF_8), Map.of(), 415, "unsupported-media-type"));
        t.book("body over 16 KiB", "{" + valid + ",\"title\":\"" + "z".repeat(17 * 1024) + "\"}", 413, "payload-too-large");
        t.add("PUT on the collection", "PUT", BOOKINGS, "{" + valid + "}", 405, "method-not-allowed");
        t.add("unknown path", "POST", "/users/" + USER + "/appointmentz", "{" + valid + "}", 404, "not-found");
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void is_refused_with_a_problem_and_changes_nothing(Case c) {
        long eventsBefore = eventStore.eventCount();
        Api.Call call = api.call(c.method(), c.path().replace("%BOOKED%", bookedId));
        if (c.body() != null) {
            call.body(c.contentType(), c.body());
        }
        c.headers().forEach(call::header);

        Response response = call.send();

        assertThat(response.status()).as(response.body()).isEqualTo(c.status());
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.problemCode()).isEqualTo(c.code());
        assertThat(response.json().path("status").asInt()).isEqualTo(c.status());
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
        assertThat(eventStore.eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void the_table_holds_at_least_forty_requests() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void field_errors_name_every_invalid_field_at_once() {
        Response response = api.post("/users/a%20b/appointments")
                               .json("{\"start\":\"2030-01-01T09:00:00\",\"end\":\"later\",\"timeZone\":\"Nowhere\"}")
                               .header("X-Request-Id", "not/valid").send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("userId", "start", "end", "timeZone", "X-Request-Id");
    }

    private static byte[] invalidUtf8(String validFields) {
        byte[] prefix = ("{" + validFields + ",\"title\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = (byte) 0x28;
        System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);
        return body;
    }

    /** Shorthand for adding rows. */
    private record Table(List<Case> cases) {
        void book(String name, String json, int status, String code) {
            add(name, "POST", BOOKINGS, json, status, code);
        }

        void add(String name, String method, String path, String json, int status, String code) {
            cases.add(new Case(name, method, path, json == null ? null : "application/json",
                    json == null ? null : json.getBytes(StandardCharsets.UTF_8), Map.of(), status, code));
        }

        void header(String name, String header, String value, int status, String code) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(header, value);
            cases.add(new Case(name, "POST", BOOKINGS, "application/json",
                    Bookings.at(day(14), HOUR).json().getBytes(StandardCharsets.UTF_8), headers, status, code));
        }
    }
}
