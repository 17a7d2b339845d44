package dev.scheduling.app;

import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.UUID;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roles table of the README, row by row, through real HTTP with tokens of the local issuer: each caller on each
 * endpoint of carol's calendar and of the administration is let through (any answer but 401/403) or refused with
 * 403, and a refusal writes nothing.
 */
class AccessByRoleIT {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant CAROL_START = day(30).plus(Duration.ofHours(9));
    /** A slot of an hour of its own for each row that books (at most 24), on a day nothing else is on. */
    private static final Instant BOOKING_DAY = day(33);
    private static final AtomicInteger BOOKING_SLOTS = new AtomicInteger();
    private static final String RANGE = "from=" + day(30) + "&to=" + day(32);
    /** Open at every hour, not published: only carol and staff see its slots. */
    private static final String CAROL_RULES = "{\"timeZone\":\"UTC\",\"weekly\":{" + String.join(",",
            java.util.Arrays.stream(java.time.DayOfWeek.values())
                            .map(d -> "\"" + d + "\":[{\"start\":\"00:00\",\"end\":\"24:00\"}]").toList()) + "}}";

    private static RunningService service;
    private static EventStoreReader eventStore;
    private static String carolAppointment;
    private static String carolGroupAppointment;
    private static String carolHold;

    enum Endpoint {
        LIST("GET", "/users/carol/appointments", null),
        READ("GET", "/users/carol/appointments/{id}", null),
        BOOK("POST", "/users/carol/appointments", "book"),
        RESCHEDULE("POST", "/users/carol/appointments/{id}/reschedule", "reschedule"),
        CANCEL("DELETE", "/users/carol/appointments/" + UUID.randomUUID(), null),
        HISTORY("GET", "/users/carol/history", null),
        AS_OF("GET", "/users/carol/calendar", null),
        EXPORT("GET", "/admin/audit/export?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z", null),
        PROJECTION_STATUS("GET", "/admin/projections/appointments", null),
        PROJECTION_REPLAY("POST", "/admin/projections/appointments/replay", null),
        METRICS("GET", "/actuator/metrics", null),
        AVAILABILITY_SET("PUT", "/users/carol/availability", "rules"),
        AVAILABILITY_READ("GET", "/users/carol/availability", null),
        AVAILABILITY_REMOVE("DELETE", "/users/carol/availability", null),
        SLOTS("GET", "/users/carol/slots?" + RANGE + "&duration=PT30M", null),
        BUSY("GET", "/users/carol/busy?" + RANGE, null),
        SLOTS_OF_SEVERAL("GET", "/slots?calendars=carol&" + RANGE + "&duration=PT30M", null),
        BOOK_OVERRIDING_AVAILABILITY("POST", "/users/carol/appointments", "book-overriding"),
        GROUP_BOOK("POST", "/appointments", "group-book"),
        GROUP_READ("GET", "/appointments/{group}", null),
        GROUP_HISTORY("GET", "/appointments/{group}/history", null),
        GROUP_CANCEL("DELETE", "/appointments/{group}", null),
        GROUP_RESCHEDULE("POST", "/appointments/{group}/reschedule", "group-reschedule"),
        HOLD("POST", "/holds", "hold"),
        HOLD_READ("GET", "/holds/{hold}", null),
        HOLD_RELEASE("DELETE", "/holds/{hold}", null);

        final String method;
        final String path;
        final String body;

        Endpoint(String method, String path, String body) {
            this.method = method;
            this.path = path;
            this.body = body;
        }
    }

    /** Who may call what: the README's roles table. Carol is the calendar's owner; dave is another user. */
    private static final Map<String, List<Endpoint>> ALLOWED = Map.of(
            "owner", List.of(Endpoint.LIST, Endpoint.READ, Endpoint.BOOK, Endpoint.RESCHEDULE, Endpoint.CANCEL,
                    Endpoint.HISTORY, Endpoint.AS_OF, Endpoint.AVAILABILITY_SET, Endpoint.AVAILABILITY_READ,
                    Endpoint.AVAILABILITY_REMOVE, Endpoint.SLOTS, Endpoint.BUSY, Endpoint.SLOTS_OF_SEVERAL,
                    Endpoint.GROUP_BOOK, Endpoint.GROUP_READ, Endpoint.GROUP_HISTORY, Endpoint.GROUP_CANCEL,
                    Endpoint.GROUP_RESCHEDULE,
                    // she takes part in the front desk's hold, but gives up or books only holds she placed
                    Endpoint.HOLD, Endpoint.HOLD_READ),
            "another user", List.of(),
            "front-desk", List.of(Endpoint.LIST, Endpoint.READ, Endpoint.BOOK, Endpoint.RESCHEDULE, Endpoint.CANCEL,
                    Endpoint.HISTORY, Endpoint.AS_OF, Endpoint.AVAILABILITY_SET, Endpoint.AVAILABILITY_READ,
                    Endpoint.AVAILABILITY_REMOVE, Endpoint.SLOTS, Endpoint.BUSY, Endpoint.SLOTS_OF_SEVERAL,
                    Endpoint.BOOK_OVERRIDING_AVAILABILITY, Endpoint.GROUP_BOOK, Endpoint.GROUP_READ, Endpoint.GROUP_HISTORY,
                    Endpoint.GROUP_CANCEL, Endpoint.GROUP_RESCHEDULE, Endpoint.HOLD, Endpoint.HOLD_READ,
                    Endpoint.HOLD_RELEASE),
            "auditor", List.of(Endpoint.LIST, Endpoint.READ, Endpoint.HISTORY, Endpoint.AS_OF, Endpoint.EXPORT,
                    Endpoint.AVAILABILITY_READ, Endpoint.SLOTS, Endpoint.BUSY, Endpoint.SLOTS_OF_SEVERAL,
                    Endpoint.GROUP_READ, Endpoint.GROUP_HISTORY, Endpoint.HOLD_READ),
            // an admin sets any calendar's rules, sees every calendar's, but books on none but its own
            "admin", List.of(Endpoint.EXPORT, Endpoint.PROJECTION_STATUS, Endpoint.PROJECTION_REPLAY, Endpoint.METRICS,
                    Endpoint.AVAILABILITY_SET, Endpoint.AVAILABILITY_READ, Endpoint.AVAILABILITY_REMOVE, Endpoint.SLOTS,
                    Endpoint.BUSY, Endpoint.SLOTS_OF_SEVERAL, Endpoint.GROUP_BOOK, Endpoint.GROUP_READ,
                    Endpoint.GROUP_HISTORY, Endpoint.GROUP_CANCEL, Endpoint.GROUP_RESCHEDULE, Endpoint.HOLD,
                    Endpoint.HOLD_READ, Endpoint.HOLD_RELEASE));

    record Row(String caller, Endpoint endpoint, boolean allowed) {
        @Override
        public String toString() {
            return caller + " " + (allowed ? "may " : "may not ") + endpoint;
        }
    }

    static List<Row> table() {
        List<Row> rows = new ArrayList<>();
        for (String caller : List.of("owner", "another user", "front-desk", "auditor", "admin")) {
            for (Endpoint endpoint : Endpoint.values()) {
                rows.add(new Row(caller, endpoint, ALLOWED.get(caller).contains(endpoint)));
            }
        }
        return rows;
    }

    @BeforeAll
    static void start() {
        String database = TestPostgres.newDatabase();
        service = RunningService.onDatabase(database);
        eventStore = new EventStoreReader(database);
        Response booked = service.api().as("carol").post("/users/carol/appointments")
                                 .json(Bookings.at(CAROL_START, HOUR).json()).send();
        assertThat(booked.status()).isEqualTo(201);
        carolAppointment = booked.json().path("id").asText();
        // a room open at all hours and published: carol may book herself with it
        Response room = service.api().as("desk-1", "front-desk").call("PUT", "/users/room-pub/availability")
                               .json(CAROL_RULES.replace("{\"timeZone\"", "{\"published\":true,\"timeZone\"")).send();
        assertThat(room.status()).as(room.body()).isEqualTo(200);
        Eventually.await("the room's rules in the read model", Duration.ofSeconds(30),
                () -> service.api().as("carol").get("/users/room-pub/availability").send().status() == 200);
        Response visit = service.api().as("desk-1", "front-desk").post("/appointments")
                                .json(groupBooking(CAROL_START.plus(Duration.ofDays(2)))).send();
        assertThat(visit.status()).as(visit.body()).isEqualTo(201);
        carolGroupAppointment = visit.json().path("id").asText();
        Response hold = service.api().as("desk-1", "front-desk").post("/holds")
                               .json(groupBooking(CAROL_START.plus(Duration.ofDays(4)))).send();
        assertThat(hold.status()).as(hold.body()).isEqualTo(201);
        carolHold = hold.json().path("id").asText();
    }

    /** Carol, the patient, and the published room, for half an hour. */
    private static String groupBooking(Instant start) {
        return "{\"participants\":[{\"calendarId\":\"carol\",\"role\":\"patient\"},"
                + "{\"calendarId\":\"room-pub\",\"role\":\"location\"}],\"start\":\"" + start + "\",\"end\":\""
                + start.plus(Duration.ofMinutes(30)) + "\"}";
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void each_caller_reaches_exactly_what_its_role_allows(Row row) {
        long eventsBefore = eventStore.eventCount();
        Api api = switch (row.caller()) {
            case "owner" -> service.api().as("carol");
            case "another user" -> service.api().as("dave");
            default -> service.api().as(row.caller() + "-1", row.caller());
        };
        Api.Call call = api.call(row.endpoint().method, row.endpoint().path.replace("{id}", carolAppointment)
                                                                .replace("{group}", carolGroupAppointment)
                                                                .replace("{hold}", carolHold));
        if ("book".equals(row.endpoint().body)) {
            // a slot of its own for every row, whatever order the rows run in
            call.json(Bookings.at(BOOKING_DAY.plus(HOUR.multipliedBy(BOOKING_SLOTS.getAndIncrement())),
                    Duration.ofMinutes(30)).json());
        } else if ("book-overriding".equals(row.endpoint().body)) {
            Instant start = BOOKING_DAY.plus(HOUR.multipliedBy(BOOKING_SLOTS.getAndIncrement()));
            call.json("{\"start\":\"" + start + "\",\"end\":\"" + start.plus(Duration.ofMinutes(30))
                    + "\",\"overrideAvailability\":true}");
        } else if ("group-book".equals(row.endpoint().body) || "hold".equals(row.endpoint().body)) {
            call.json(groupBooking(BOOKING_DAY.plus(HOUR.multipliedBy(BOOKING_SLOTS.getAndIncrement()))));
        } else if ("rules".equals(row.endpoint().body)) {
            call.json(CAROL_RULES);
        } else if ("group-reschedule".equals(row.endpoint().body)) {
            // as for one calendar: the first moves it (or finds it cancelled), the rest find it there already
            Instant to = CAROL_START.plus(Duration.ofDays(2)).plus(HOUR);
            call.json("{\"start\":\"" + to + "\",\"end\":\"" + to.plus(Duration.ofMinutes(30)) + "\"}");
        } else if ("reschedule".equals(row.endpoint().body)) {
            // every allowed caller moves it to the same slot: the first moves it, the rest find it there already
            call.json(Bookings.at(CAROL_START.plus(Duration.ofDays(1)), HOUR).json());
        }

        Response response = call.send();

        if (row.allowed() && row.endpoint().body != null && row.endpoint().body.startsWith("book")) {
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        } else if (row.allowed() && ("group-book".equals(row.endpoint().body) || "hold".equals(row.endpoint().body))) {
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        } else if (row.allowed()) {
            assertThat(response.status()).as(response.body()).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.problemCode()).isEqualTo("forbidden");
            assertThat(eventStore.eventCount()).isEqualTo(eventsBefore);
        }
    }
}
