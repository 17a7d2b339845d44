package dev.scheduling.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.app.audit.AuditExport;
import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/** Auditors' questions answered from the event store: history, the calendar at an instant, exports. */
class AuditIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int BULK_EVENTS = 20_000;

    private static String database;
    private static RunningService service;
    private static Api api;
    private static String baseUrl;

    /** What happened to calendar "audrey", recorded by the test as it made it happen. */
    private static final List<Step> steps = new ArrayList<>();
    private static String a;
    private static String b;
    private static Instant slotA1;
    private static Instant slotA2;
    private static Instant slotB;
    private static Instant bulkFrom;

    record Step(Instant after, String type, String appointmentId, String requestId) {
    }

    @BeforeAll
    static void makeHistory() throws Exception {
        database = TestPostgres.newDatabase();
        service = RunningService.onDatabase(database, "scheduling.reminders.offsets=PT3S");
        api = service.api();
        baseUrl = api.get("/").toString();
        slotA1 = day(6).plus(HOUR.multipliedBy(9));
        slotA2 = day(6).plus(HOUR.multipliedBy(14));
        slotB = day(7).plus(HOUR.multipliedBy(10));

        // the actor is the token's subject: a front-desk caller, then the calendar's owner; X-Actor is not read
        a = step("AppointmentBooked", "req-a", api.as("desk", "front-desk").post("/users/audrey/appointments")
                .header("X-Request-Id", "req-a").header("X-Actor", "someone-else")
                .json(Bookings.at(slotA1, HOUR).json()).send()).json().path("id").asText();
        steps.set(0, new Step(steps.get(0).after(), "AppointmentBooked", a, "req-a"));
        b = step("AppointmentBooked", "req-b", api.as("audrey").post("/users/audrey/appointments").header("X-Request-Id", "req-b")
                .json(Bookings.at(slotB, HOUR).json()).send()).json().path("id").asText();
        steps.set(1, new Step(steps.get(1).after(), "AppointmentBooked", b, "req-b"));
        step("AppointmentRescheduled", "req-c", api.post("/users/audrey/appointments/" + a + "/reschedule")
                .header("X-Request-Id", "req-c").json(Bookings.at(slotA2, HOUR).json()).send());
        steps.set(2, new Step(steps.get(2).after(), "AppointmentRescheduled", a, "req-c"));
        step("AppointmentCancelled", "req-d", api.delete("/users/audrey/appointments/" + b)
                .header("X-Request-Id", "req-d").send());
        steps.set(3, new Step(steps.get(3).after(), "AppointmentCancelled", b, "req-d"));
        // a reminder goes out for an appointment starting in seconds: part of the history too
        // due 12 s from now (offset 3 s): time for the booking to land first, however busy the machine
        Instant soon = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
        String c = api.post("/users/audrey/appointments").header("X-Request-Id", "req-e")
                      .json(Bookings.at(soon, Duration.ofMinutes(15)).json()).send().json().path("id").asText();
        steps.add(new Step(Instant.now(), "AppointmentBooked", c, "req-e"));
        Eventually.await("the reminder", Duration.ofSeconds(60), () -> history("/users/audrey/history").path("events").size() == 6);
        bulkFrom = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(365));
        insertBulkCalendar("bulk", bulkFrom);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void the_history_lists_every_event_in_order_with_actor_and_correlation() {
        JsonNode events = history("/users/audrey/history").path("events");

        assertThat(events).hasSize(6);
        for (int i = 0; i < steps.size(); i++) {
            JsonNode event = events.get(i);
            assertThat(event.path("sequence").asLong()).isEqualTo(i);
            assertThat(event.path("type").asText()).isEqualTo(steps.get(i).type());
            assertThat(event.path("appointmentId").asText()).isEqualTo(steps.get(i).appointmentId());
            assertThat(event.path("correlationId").asText()).isEqualTo(steps.get(i).requestId());
            assertThat(Instant.parse(event.path("time").asText())).isBefore(steps.get(i).after());
            assertThat(event.path("revision").asText()).isEqualTo("1");
        }
        assertThat(events.get(0).path("actor").asText()).isEqualTo("desk");
        assertThat(events.get(0).path("clientId").asText()).isEqualTo("local");
        assertThat(events.get(1).path("actor").asText()).isEqualTo("audrey");
        assertThat(events.get(2).path("actor").asText()).isEqualTo(Api.STAFF);
        assertThat(events.get(2).path("payload").path("newSlot").path("start").asText()).isEqualTo(slotA2.toString());
        JsonNode reminder = events.get(5);
        assertThat(reminder.path("type").asText()).isEqualTo("ReminderSent");
        assertThat(reminder.path("actor").asText()).isEqualTo("reminder-saga");
        assertThat(reminder.path("payload").path("offset").asText()).isEqualTo("PT3S");
    }

    @Test
    void a_client_accepting_anything_gets_the_json_page_and_only_a_client_naming_ndjson_gets_the_stream() {
        Response anything = api.get("/users/audrey/history").header("Accept", "*/*").send();
        assertThat(anything.header("Content-Type")).startsWith("application/json");
        assertThat(anything.json().path("events")).hasSize(6);

        Response stream = api.get("/users/audrey/history").header("Accept", "application/x-ndjson").send();
        assertThat(stream.header("Content-Type")).startsWith("application/x-ndjson");
        assertThat(stream.body().lines()).hasSize(6);
    }

    @Test
    void the_history_filters_by_appointment_and_by_time() {
        assertThat(history("/users/audrey/history?appointmentId=" + a).path("events").findValuesAsText("type"))
                .containsExactly("AppointmentBooked", "AppointmentRescheduled");
        JsonNode fromSecond = history("/users/audrey/history?from=" + steps.get(1).after() + "&to=" + steps.get(3).after());
        assertThat(fromSecond.path("events").findValuesAsText("type"))
                .containsExactly("AppointmentRescheduled", "AppointmentCancelled");
    }

    @Test
    void the_history_comes_in_pages() {
        List<String> types = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = history("/users/audrey/history?pageSize=4" + (token == null ? "" : "&pageToken=" + token));
            page.path("events").forEach(e -> types.add(e.path("type").asText()));
            token = page.path("nextPageToken").isNull() ? null : page.path("nextPageToken").asText();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(2);
        assertThat(types).containsExactly("AppointmentBooked", "AppointmentBooked", "AppointmentRescheduled",
                "AppointmentCancelled", "AppointmentBooked", "ReminderSent");
    }

    @Test
    void the_calendar_as_of_each_moment_holds_what_was_booked_then() {
        Instant beforeAnything = steps.get(0).after().minusSeconds(60);
        assertThat(appointmentsAsOf(beforeAnything)).isEmpty();
        assertThat(appointmentsAsOf(steps.get(0).after())).isEqualTo(Map.of(a, slotA1.toString()));
        assertThat(appointmentsAsOf(steps.get(1).after())).isEqualTo(Map.of(a, slotA1.toString(), b, slotB.toString()));
        assertThat(appointmentsAsOf(steps.get(2).after())).isEqualTo(Map.of(a, slotA2.toString(), b, slotB.toString()));
        assertThat(appointmentsAsOf(steps.get(3).after())).isEqualTo(Map.of(a, slotA2.toString()));
    }

    @Test
    void an_unknown_user_has_an_empty_history_and_calendar() {
        assertThat(history("/users/nobody-here/history").path("events")).isEmpty();
        assertThat(api.get("/users/nobody-here/calendar").send().json().path("appointments")).isEmpty();
    }

    @Test
    void invalid_parameters_are_400() {
        assertThat(fields(api.get("/users/audrey/history?from=2026-01-01T10:00:00&pageSize=0&pageToken=x&appointmentId=1").send()))
                .containsExactlyInAnyOrder("from", "pageSize", "pageToken", "appointmentId");
        assertThat(fields(api.get("/users/audrey/calendar?asOf=yesterday").send())).containsExactly("asOf");
        assertThat(fields(api.get("/users/a%20b/history").send())).containsExactly("userId");
        assertThat(fields(api.get("/admin/audit/export").send())).containsExactlyInAnyOrder("from", "to");
        assertThat(fields(api.get("/admin/audit/export?from=" + day(2) + "&to=" + day(1)).send())).containsExactly("to");
    }

    /** Bounds at the very ends of what the API accepts are compared as instants, not as text. */
    @Test
    void an_export_up_to_the_last_instant_the_api_accepts_holds_every_event() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl + "admin/audit/export?from=1970-01-01T00:00:00Z&to=9999-12-31T23:59:59Z"))
                .header("Accept", "application/x-ndjson").header("Authorization", "Bearer " + api.token()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long audrey = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (JSON.readTree(line).path("userId").asText().equals("audrey")) {
                    audrey++;
                }
            }
        }
        assertThat(audrey).isEqualTo(6);
    }

    @Test
    void an_export_streams_twenty_thousand_events_in_global_order() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl + "admin/audit/export?from=" + bulkFrom + "&to=" + bulkFrom.plus(Duration.ofDays(1))))
                .header("Accept", "application/x-ndjson").header("Authorization", "Bearer " + api.token()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        long counted = 0;
        long lastIndex = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                counted++;
                JsonNode event = JSON.readTree(line);
                assertThat(event.path("globalIndex").asLong()).isGreaterThan(lastIndex);
                assertThat(event.path("userId").asText()).isEqualTo("bulk");
                lastIndex = event.path("globalIndex").asLong();
            }
        }
        assertThat(counted).isEqualTo(BULK_EVENTS);
    }

    @Test
    void an_export_reads_no_further_ahead_of_its_consumer_than_one_fetch() {
        double before = rowsRead();
        double[] readWhenAtTenPercent = {-1};
        long[] lines = {0};
        OutputStream countingConsumer = new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n' && ++lines[0] == BULK_EVENTS / 10) {
                    readWhenAtTenPercent[0] = rowsRead() - before;
                }
            }
        };

        service.bean(AuditExport.class).export(bulkFrom, bulkFrom.plus(Duration.ofDays(1)), countingConsumer);

        assertThat(lines[0]).isEqualTo(BULK_EVENTS);
        System.out.printf("export: %.0f rows read from the store when the consumer had taken %d of %d%n",
                readWhenAtTenPercent[0], BULK_EVENTS / 10, BULK_EVENTS);
        assertThat(readWhenAtTenPercent[0]).as("rows read ahead of the consumer")
                                           .isLessThanOrEqualTo(BULK_EVENTS / 10 + 500);
    }

    @Test
    void a_calendar_of_twenty_thousand_events_streams_as_ndjson() throws Exception {
        HttpResponse<InputStream> calendar = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl + "users/bulk/history")).header("Accept", "application/x-ndjson")
                .header("Authorization", "Bearer " + api.token()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(calendar.body(), StandardCharsets.UTF_8))) {
            List<String> first = new ArrayList<>();
            long count = lines.lines().peek(l -> { if (first.isEmpty()) first.add(l); }).count();
            assertThat(calendar.statusCode()).as(String.valueOf(first)).isEqualTo(200);
            assertThat(count).as(String.valueOf(first)).isEqualTo(BULK_EVENTS);
        }
    }

    private static Response step(String type, String requestId, Response response) {
        assertThat(response.status()).isBetween(200, 204);
        steps.add(new Step(Instant.now(), type, null, requestId));
        sleepAMoment();
        return response;
    }

    private static void sleepAMoment() {
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode history(String path) {
        Response response = api.get(path).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static Map<String, String> appointmentsAsOf(Instant asOf) {
        Map<String, String> starts = new TreeMap<>();
        api.get("/users/audrey/calendar?asOf=" + asOf).send().json().path("appointments")
           .forEach(e -> starts.put(e.path("id").asText(), e.path("start").asText()));
        return starts;
    }

    private static List<String> fields(Response response) {
        assertThat(response.status()).isEqualTo(400);
        return response.json().path("errors").findValuesAsText("field");
    }

    private static double rowsRead() {
        return service.bean(MeterRegistry.class).get("scheduling.audit.export.rows").counter().count();
    }

    /** A calendar with 20,000 bookings, written straight into the event table (a year ahead, out of others' way). */
    private static void insertBulkCalendar(String user, Instant at) throws Exception {
        try (Connection connection = DriverManager.getConnection(database, "postgres", "");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO domainevententry (aggregateidentifier, "
                     + "sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp) "
                     + "VALUES (?, ?, 'UserCalendar', ?, ?, ?, '1', 'dev.scheduling.domain.calendar.AppointmentBooked', ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < BULK_EVENTS; i++) {
                Instant start = at.plus(HOUR.multipliedBy(i));
                String payload = "{\"userId\":\"" + user + "\",\"appointmentId\":\"" + UUID.randomUUID()
                        + "\",\"slot\":{\"start\":\"" + start + "\",\"end\":\"" + start.plus(HOUR)
                        + "\"},\"details\":{\"title\":null,\"location\":null,\"timeZone\":\"UTC\"}}";
                insert.setString(1, user);
                insert.setLong(2, i);
                insert.setString(3, UUID.randomUUID().toString());
                insert.setBytes(4, "{\"actor\":\"import\",\"correlationId\":\"bulk\"}".getBytes(StandardCharsets.UTF_8));
                insert.setBytes(5, payload.getBytes(StandardCharsets.UTF_8));
                insert.setString(6, at.plusMillis(i).toString());
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }
}
