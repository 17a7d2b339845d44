package dev.scheduling.app;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.LogRecorder;
import dev.scheduling.app.support.RawHttp;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestIssuer;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker tries, through real HTTP with real signed tokens, against the service in jwt mode trusting an
 * issuer of the test's own (its JWKS served over HTTP): every forged, stale or misdirected token answers 401, every
 * step onto another's calendar 403, and neither writes anything.
 */
class SecurityIT {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final String ALICE = "alice";

    private static TestIssuer issuer;
    private static RunningService service;
    private static EventStoreReader eventStore;
    private static Api anonymous;
    private static String aliceAppointment;
    private static Instant aliceStart;

    @BeforeAll
    static void start() {
        issuer = TestIssuer.start();
        String database = TestPostgres.newDatabase();
        service = RunningService.onDatabase(database, issuer.settings());
        eventStore = new EventStoreReader(database);
        anonymous = service.api().anonymous();
        aliceStart = day(20).plus(Duration.ofHours(9));
        Response booked = as(ALICE).post("/users/alice/appointments").json(Bookings.at(aliceStart, HOUR).json()).send();
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        aliceAppointment = booked.json().path("id").asText();
        Eventually.await("the booking in the read model", Duration.ofSeconds(30),
                () -> as(ALICE).get("/users/alice/appointments/" + aliceAppointment).send().status() == 200);
    }

    @AfterAll
    static void stop() {
        service.close();
        issuer.close();
    }

    private static Api as(String subject, String... roles) {
        return anonymous.withToken(issuer.token(subject, roles));
    }

    // ---- tokens ---------------------------------------------------------------------------------------------

    record BadToken(String name, Supplier<String> authorization) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<BadToken> badTokens() {
        Instant now = Instant.now();
        return List.of(
                new BadToken("no token", () -> null),
                new BadToken("garbage", () -> "Bearer not.a.jwt"),
                new BadToken("empty bearer", () -> "Bearer "),
                new BadToken("basic credentials", () -> "Basic YWxpY2U6c2VjcmV0"),
                new BadToken("expired five minutes ago", () -> bearer(issuer.token(ALICE, c -> c
                        .issueTime(Date.from(now.minus(Duration.ofHours(1)))).notBeforeTime(Date.from(now.minus(Duration.ofHours(1))))
                        .expirationTime(Date.from(now.minus(Duration.ofMinutes(5))))))),
                new BadToken("not valid for five minutes yet", () -> bearer(issuer.token(ALICE, c -> c
                        .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5))))))),
                new BadToken("without an expiry", () -> bearer(issuer.token(ALICE, c -> c.expirationTime(null)))),
                new BadToken("of another issuer", () -> bearer(issuer.token(ALICE, c -> c.issuer("https://evil.test/")))),
                new BadToken("signed with another key under the issuer's key id",
                        () -> bearer(issuer.signWithAnotherKey(issuer.claims(ALICE).build()))),
                new BadToken("alg none", () -> bearer(TestIssuer.unsigned(issuer.claims(ALICE).build()))),
                new BadToken("HS256 keyed with the issuer's public key",
                        () -> bearer(issuer.signHs256WithPublicKey(issuer.claims(ALICE).build()))),
                new BadToken("an ID token where an access token is due", () -> bearer(issuer.token(ALICE, c -> c
                        .claim("token_use", "id").claim("client_id", null).audience(TestIssuer.CLIENT_ID)))),
                new BadToken("of a client that is not allowed", () -> bearer(issuer.token(ALICE, c -> c
                        .claim("client_id", TestIssuer.OTHER_CLIENT_ID)))),
                new BadToken("without a client id", () -> bearer(issuer.token(ALICE, c -> c.claim("client_id", null)))),
                new BadToken("without a subject", () -> bearer(issuer.token(ALICE, c -> c.subject(null)))),
                new BadToken("with a blank subject", () -> bearer(issuer.token(ALICE, c -> c.subject(" ")))),
                new BadToken("another user's token with the subject rewritten", () -> bearer(swapPayload(
                        issuer.token("mallory"), issuer.claims(ALICE).build()))),
                new BadToken("a local-mode token", () -> bearer(issuer.token(ALICE, c -> c.issuer("urn:scheduling:local")
                        .claim("client_id", "local")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void a_bad_token_gets_401_and_writes_nothing(BadToken token) {
        long eventsBefore = eventStore.eventCount();
        Api.Call call = anonymous.post("/users/alice/appointments").json(Bookings.at(day(21), HOUR).json());
        String authorization = token.authorization().get();
        if (authorization != null) {
            call.header("Authorization", authorization);
        }

        Response response = call.send();

        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.problemCode()).isEqualTo("unauthenticated");
        assertThat(eventStore.eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void a_token_that_expired_within_the_clock_skew_still_passes() {
        Instant now = Instant.now();
        Response response = anonymous.withToken(issuer.token(ALICE, c -> c.issueTime(Date.from(now.minus(HOUR)))
                                             .notBeforeTime(Date.from(now.minus(HOUR))).expirationTime(Date.from(now.minusSeconds(5)))))
                                     .get("/users/alice/appointments").send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    void a_valid_token_of_the_issuer_books_and_is_the_actor_whatever_x_actor_says() {
        Response booked = as("desk-1", "front-desk").post("/users/carol/appointments").header("X-Actor", "admin")
                                                    .json(Bookings.at(day(22), HOUR).json()).send();

        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        var event = eventStore.events("carol").get(0);
        assertThat(event.metadata().path("actor").asText()).isEqualTo("desk-1");
        assertThat(event.metadata().path("clientId").asText()).isEqualTo(TestIssuer.CLIENT_ID);
    }

    @Test
    void a_machine_client_gets_its_role_from_a_scope() {
        String token = issuer.token("integration-7", c -> c.claim("scope", "scheduling/front-desk other/scope")
                                                           .claim("roles", null));
        Response booked = anonymous.withToken(token).post("/users/dora/appointments")
                                   .json(Bookings.at(day(23), HOUR).json()).send();

        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        assertThat(eventStore.events("dora").get(0).metadata().path("actor").asText()).isEqualTo("integration-7");
    }

    @Test
    void roles_that_are_not_ours_grant_nothing() {
        Response response = anonymous.withToken(issuer.token("mallory", c -> c.claim("roles", List.of("superuser", "ADMIN"))
                                                                          .claim("scope", "front-desk admin")))
                                     .get("/users/alice/appointments").send();
        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void health_needs_no_token_and_api_docs_do_in_jwt_mode() {
        assertThat(anonymous.get("/actuator/health").send().status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/readiness").send().status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").send().status()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/metrics").send().status()).isEqualTo(401);
    }

    @Test
    void the_local_issuer_is_off_in_jwt_mode() {
        assertThat(anonymous.post("/local/tokens").json("{\"subject\":\"alice\",\"roles\":[\"admin\"]}").send().status())
                .isEqualTo(401);
        assertThat(as(ALICE).post("/local/tokens").json("{\"subject\":\"alice\",\"roles\":[\"admin\"]}").send().status())
                .isEqualTo(403);
    }

    // ---- before the body ------------------------------------------------------------------------------------

    /**
     * 250 connections send a booking's headers without a token, then trickle its body in a byte every second. Each is
     * refused with 401 before its body is read and closed at once, so none holds a request thread: health answers
     * within a second throughout, and a booking with a token goes through.
     */
    @Test
    void bodies_trickling_in_without_a_token_tie_up_no_request_thread() {
        List<RawHttp> connections = new ArrayList<>();
        try {
            for (int i = 0; i < 250; i++) {
                String head = i % 5 == 0
                        ? "DELETE /users/alice/appointments/" + aliceAppointment + " HTTP/1.1\r\nHost: x\r\n"
                          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nreason="
                        : "POST /users/alice/appointments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          + "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n";
                connections.add(RawHttp.open(anonymous.baseUrl(), head));
            }
            for (int second = 0; second < 5; second++) {
                long asked = System.nanoTime();
                Response health = anonymous.get("/actuator/health").send();
                assertThat(health.status()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("health answered within")
                                                                        .isLessThan(Duration.ofSeconds(1));
                connections.forEach(connection -> connection.trySend("1\r\n \r\n"));
                Eventually.pause(Duration.ofSeconds(1));
            }
            Response booked = as(ALICE).post("/users/alice/appointments")
                                       .json(Bookings.at(day(26), HOUR).json()).send();
            assertThat(booked.status()).as(booked.body()).isEqualTo(201);
            assertThat(connections).allSatisfy(connection -> {
                RawHttp.Answer answer = connection.answer();
                assertThat(answer.status()).isEqualTo(401);
                assertThat(answer.header("Connection")).isEqualTo("close");
                assertThat(answer.closed()).as("closed, the body never read").isTrue();
            });
        } finally {
            connections.forEach(RawHttp::close);
        }
    }

    @Test
    void an_oversized_body_without_a_token_gets_401_not_413() {
        RawHttp.Answer answer = RawHttp.exchange(anonymous.baseUrl(), "POST /users/alice/appointments HTTP/1.1\r\n"
                + "Host: x\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n{\"start\":");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("\"code\":\"unauthenticated\"");
        assertThat(answer.closed()).isTrue();
    }

    @Test
    void an_oversized_body_with_a_token_gets_413_before_it_is_read() {
        long eventsBefore = eventStore.eventCount();

        RawHttp.Answer answer = RawHttp.exchange(anonymous.baseUrl(), "POST /users/alice/appointments HTTP/1.1\r\n"
                + "Host: x\r\nAuthorization: Bearer " + issuer.token(ALICE) + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1048576\r\n\r\n{\"start\":");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"payload-too-large\"");
        assertThat(eventStore.eventCount()).isEqualTo(eventsBefore);
    }

    /** A body that stops coming is given up on: 408, the connection closed, nothing written. */
    @Test
    void a_body_that_does_not_arrive_in_time_gets_408_and_the_connection_closed() {
        long eventsBefore = eventStore.eventCount();
        long asked = System.nanoTime();

        try (RawHttp stalled = RawHttp.open(anonymous.baseUrl(), "POST /users/alice/appointments HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer " + issuer.token(ALICE) + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200\r\n\r\n{\"start\":")) {
            RawHttp.Answer answer = stalled.answer();

            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.body()).contains("\"code\":\"request-timeout\"");
            assertThat(answer.closed()).isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(25));
        assertThat(eventStore.eventCount()).isEqualTo(eventsBefore);
    }

    // ---- what the service echoes ------------------------------------------------------------------------------

    @Test
    void the_location_of_a_booking_is_not_taken_from_the_host_header() {
        String body = Bookings.at(day(27), HOUR).json();
        RawHttp.Answer answer = RawHttp.exchange(anonymous.baseUrl(), "POST /users/alice/appointments HTTP/1.1\r\n"
                + "Host: evil.example\r\nX-Forwarded-Host: evil.example\r\nAuthorization: Bearer " + issuer.token(ALICE)
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                + body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.header("Location")).startsWith("/users/alice/appointments/").doesNotContain("evil");
    }

    @Test
    void the_api_documents_servers_are_not_taken_from_the_host_header() {
        RawHttp.Answer answer = RawHttp.exchange(anonymous.baseUrl(), "GET /v3/api-docs HTTP/1.1\r\nHost: evil.example\r\n"
                + "X-Forwarded-Host: evil.example\r\nAuthorization: Bearer " + issuer.token(ALICE)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("evil.example").contains("\"servers\":[{\"url\":\"/\"");
    }

    // ---- what Tomcat refuses itself ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsTomcatRefuses")
    void what_tomcat_refuses_itself_is_a_problem_too(String name, String request) {
        RawHttp.Answer answer = RawHttp.exchange(anonymous.baseUrl(), request);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"code\":\"malformed-request\"").doesNotContain("<html", "Tomcat");
    }

    static List<org.junit.jupiter.params.provider.Arguments> requestsTomcatRefuses() {
        String token = "Authorization: Bearer " + issuer.token(ALICE) + "\r\n";
        return List.of(
                org.junit.jupiter.params.provider.Arguments.of("an encoded slash",
                        "GET /users/alice%2Fbob/appointments HTTP/1.1\r\nHost: x\r\n" + token + "Connection: close\r\n\r\n"),
                org.junit.jupiter.params.provider.Arguments.of("an encoded NUL",
                        "GET /users/alice%00/appointments HTTP/1.1\r\nHost: x\r\n" + token + "Connection: close\r\n\r\n"),
                org.junit.jupiter.params.provider.Arguments.of("headers too large",
                        "GET /users/alice/appointments HTTP/1.1\r\nHost: x\r\n" + token + "X-Padding: " + "a".repeat(20_000)
                        + "\r\nConnection: close\r\n\r\n"));
    }

    // ---- what a client can make the read model do ----------------------------------------------------------

    /** A page token of another listing (a start outside the query's range): 400 naming it, and no error logged. */
    @Test
    void a_forged_page_token_gets_400_and_no_error_in_the_log() {
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("2000-01-01T00:00:00.000000000Z|" + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (LogRecorder log = LogRecorder.start()) {
            Response refused = as(ALICE).get("/users/alice/appointments?from=2030-01-01T00:00:00Z&pageToken=" + forged).send();

            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.problemCode()).isEqualTo("invalid-request");
            assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("pageToken");
            assertThat(log.errors()).isEmpty();
        }
    }

    // ---- another's calendar ---------------------------------------------------------------------------------

    record Request(String name, String method, String path, String body) {
        @Override
        public String toString() {
            return name;
        }

        Response send(Api api) {
            Api.Call call = api.call(method, path.replace("{id}", aliceAppointment));
            if (body != null) {
                call.json(body);
            }
            return call.send();
        }
    }

    static List<Request> aliceCalendar() {
        String slot = Bookings.at(day(24), HOUR).json();
        String unknown = UUID.randomUUID().toString();
        String rules = "{\"timeZone\":\"UTC\",\"weekly\":{\"MONDAY\":[{\"start\":\"00:00\",\"end\":\"01:00\"}]}}";
        String range = "from=" + day(24) + "&to=" + day(25);
        return List.of(
                new Request("list", "GET", "/users/alice/appointments", null),
                new Request("list a range", "GET", "/users/alice/appointments?from=2020-01-01T00:00:00Z", null),
                new Request("read one", "GET", "/users/alice/appointments/{id}", null),
                new Request("read an unknown one", "GET", "/users/alice/appointments/" + unknown, null),
                new Request("read a malformed id", "GET", "/users/alice/appointments/not-a-uuid", null),
                new Request("book", "POST", "/users/alice/appointments", slot),
                new Request("book with a malformed body", "POST", "/users/alice/appointments", "{\"start\":"),
                new Request("reschedule", "POST", "/users/alice/appointments/{id}/reschedule", slot),
                new Request("reschedule an unknown one", "POST", "/users/alice/appointments/" + unknown + "/reschedule", slot),
                new Request("cancel", "DELETE", "/users/alice/appointments/{id}", null),
                new Request("cancel an unknown one", "DELETE", "/users/alice/appointments/" + unknown, null),
                new Request("history", "GET", "/users/alice/history", null),
                new Request("history of one appointment", "GET", "/users/alice/history?appointmentId={id}", null),
                new Request("calendar as of now", "GET", "/users/alice/calendar", null),
                new Request("calendar as of an instant", "GET", "/users/alice/calendar?asOf=2030-01-01T00:00:00Z", null),
                new Request("percent-encoded user id", "GET", "/users/al%69ce/appointments", null),
                new Request("percent-encoded user id, booking", "POST", "/users/%61lice/appointments", slot),
                new Request("trailing slash", "GET", "/users/alice/appointments/", null),
                new Request("unknown path under the calendar", "GET", "/users/alice/secrets", null),
                new Request("PUT on the calendar", "PUT", "/users/alice/appointments", slot),
                new Request("set availability", "PUT", "/users/alice/availability", rules),
                new Request("set availability with a malformed body", "PUT", "/users/alice/availability", "{\"weekly\":"),
                new Request("read availability", "GET", "/users/alice/availability", null),
                new Request("remove availability", "DELETE", "/users/alice/availability", null),
                new Request("percent-encoded availability", "PUT", "/users/%61lice/availability", rules),
                new Request("free slots", "GET", "/users/alice/slots?" + range + "&duration=PT30M", null),
                new Request("free slots with bad parameters", "GET", "/users/alice/slots?duration=forever", null),
                new Request("busy times", "GET", "/users/alice/busy?" + range, null),
                new Request("slots free on several calendars", "GET",
                        "/slots?calendars=mallory,alice&" + range + "&duration=PT30M", null),
                new Request("book overriding availability", "POST", "/users/alice/appointments",
                        slot.replace("}", ",\"overrideAvailability\":true}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aliceCalendar")
    void another_user_gets_403_on_every_endpoint_of_a_calendar_and_writes_nothing(Request request) {
        long eventsBefore = eventStore.eventCount();

        Response response = request.send(as("mallory"));

        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.problemCode()).isEqualTo("forbidden");
        assertThat(eventStore.eventCount()).isEqualTo(eventsBefore);
        Response alicesView = as(ALICE).get("/users/alice/appointments/" + aliceAppointment).send();
        assertThat(alicesView.json().path("status").asText()).isEqualTo("BOOKED");
        assertThat(alicesView.json().path("start").asText()).isEqualTo(aliceStart.toString());
    }

    @Test
    void the_owner_gets_404_for_an_unknown_appointment_of_their_own() {
        Response response = as(ALICE).get("/users/alice/appointments/" + UUID.randomUUID()).send();
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemCode()).isEqualTo("appointment-not-found");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uncanonicalPaths")
    void a_path_that_is_not_canonical_is_refused_before_any_rule_is_read(String path) {
        long eventsBefore = eventStore.eventCount();

        Response response = as("mallory").post(path).json(Bookings.at(day(25), HOUR).json()).send();

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(eventStore.eventCount()).isEqualTo(eventsBefore);
    }

    static List<String> uncanonicalPaths() {
        return List.of("/users/mallory/../alice/appointments", "/users/mallory/%2e%2e/alice/appointments",
                "/users//alice/appointments", "/users/mallory/./../alice/appointments", "/users/alice;mallory/appointments");
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A signed token with its payload replaced: header and signature of one, claims of another. */
    private static String swapPayload(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + com.nimbusds.jose.util.Base64URL.encode(claims.toString()) + "." + parts[2];
    }
}
