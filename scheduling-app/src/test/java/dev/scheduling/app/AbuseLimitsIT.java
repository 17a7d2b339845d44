package dev.scheduling.app;

import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.RawHttp;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits that keep one caller from wearing the service down, with small settings: per-caller rate limits
 * (users: 3 commands and 5 reads a minute; staff: 6 commands) and the cap on a calendar's future appointments (4).
 */
class AbuseLimitsIT {

    private static final Duration HOUR = Duration.ofHours(1);

    private static RunningService service;
    private static EventStoreReader eventStore;

    @BeforeAll
    static void start() {
        String database = TestPostgres.newDatabase();
        service = RunningService.onDatabase(database,
                "scheduling.security.rate-limits.user-commands-per-minute=3",
                "scheduling.security.rate-limits.user-reads-per-minute=5",
                "scheduling.security.rate-limits.staff-commands-per-minute=6",
                "scheduling.max-future-appointments=4");
        eventStore = new EventStoreReader(database);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_user_past_the_command_limit_gets_429_with_retry_after_and_nothing_is_written() {
        Api rita = service.api().as("rita");
        for (int i = 0; i < 3; i++) {
            assertThat(book(rita, "rita", i).status()).isEqualTo(201);
        }
        long eventsBefore = eventStore.eventCount();

        Response refused = book(rita, "rita", 3);

        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.problemCode()).isEqualTo("rate-limited");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(eventStore.eventCount()).isEqualTo(eventsBefore);
        assertThat(eventStore.events("rita")).hasSize(3);
    }

    /** The limit is decided before a byte of the body is read: a body that never comes does not hold the answer. */
    @Test
    void a_caller_past_the_limit_gets_429_before_the_body_is_read() {
        Api rudy = service.api().as("rudy");
        for (int i = 0; i < 3; i++) {
            assertThat(book(rudy, "rudy", i).status()).isEqualTo(201);
        }

        RawHttp.Answer refused = RawHttp.exchange(rudy.baseUrl(), "POST /users/rudy/appointments HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer " + rudy.token() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5000\r\n\r\n{\"start\":");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("\"code\":\"rate-limited\"");
        assertThat(refused.closed()).as("closed: the body is never read").isTrue();
    }

    @Test
    void reads_have_a_limit_of_their_own() {
        Api rhea = service.api().as("rhea");
        for (int i = 0; i < 5; i++) {
            assertThat(rhea.calendar("rhea").list().status()).isEqualTo(200);
        }
        assertThat(rhea.calendar("rhea").list().status()).isEqualTo(429);
        assertThat(book(rhea, "rhea", 0).status()).isEqualTo(201);
    }

    @Test
    void one_caller_past_the_limit_does_not_hold_back_another() {
        Api rob = service.api().as("rob");
        for (int i = 0; i < 3; i++) {
            book(rob, "rob", i);
        }
        assertThat(book(rob, "rob", 3).status()).isEqualTo(429);
        assertThat(book(service.api().as("ron"), "ron", 0).status()).isEqualTo(201);
    }

    @Test
    void refused_requests_count_too() {
        Api rex = service.api().as("rex");
        for (int i = 0; i < 3; i++) {
            assertThat(book(rex, "carla", i).status()).isEqualTo(403);
        }
        assertThat(book(rex, "rex", 0).status()).isEqualTo(429);
    }

    @Test
    void staff_have_a_larger_limit() {
        Api desk = service.api().as("desk-9", "front-desk");
        for (int i = 0; i < 6; i++) {
            assertThat(book(desk, "staffed-" + i, 0).status()).isEqualTo(201);
        }
        assertThat(book(desk, "staffed-6", 0).status()).isEqualTo(429);
    }

    @Test
    void an_unauthenticated_request_gets_401_not_429() {
        for (int i = 0; i < 8; i++) {
            assertThat(book(service.api().anonymous(), "nobody", i).status()).isEqualTo(401);
        }
    }

    @Test
    void a_calendar_holding_the_most_future_appointments_refuses_one_more_with_409_calendar_full() {
        Api desk = service.api().as("desk-10", "front-desk");
        for (int i = 0; i < 4; i++) {
            assertThat(book(desk, "busy", i).status()).isEqualTo(201);
        }
        long eventsBefore = eventStore.eventCount();

        Response refused = book(desk, "busy", 4);

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.problemCode()).isEqualTo("calendar-full");
        assertThat(refused.json().path("maxFutureAppointments").asText()).isEqualTo("4");
        assertThat(eventStore.eventCount()).isEqualTo(eventsBefore);

        // a cancellation makes room (another member of staff: desk-10 has used 5 of its 6 commands)
        Api otherDesk = service.api().as("desk-11", "front-desk");
        String first = eventStore.events("busy").get(0).payload().path("appointmentId").asText();
        assertThat(otherDesk.calendar("busy").cancel(first).status()).isEqualTo(204);
        assertThat(book(otherDesk, "busy", 5).status()).isEqualTo(201);
    }

    private static Response book(Api api, String user, int slot) {
        Instant start = day(40).plus(HOUR.multipliedBy(slot));
        return api.calendar(user).book(Bookings.at(start, Duration.ofMinutes(30)));
    }
}
