package dev.scheduling.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.DynamoDbServer;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.PackagedService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The right to erasure, end to end on the packaged service: alice books, reschedules and cancels with a distinctive
 * title, location and reason, a reminder fires, the read model is replayed, a snapshot is taken; then alice erases
 * her data, and the distinctive text is found nowhere: not in any table of the database (every column, bytea read
 * as text and as hex), not in the database's files (after a checkpoint), not in any DynamoDB item, the export, the
 * history, the calendar as of any time, or the service's log. Bob's data stays readable.
 * <p>
 * Alice is also the patient of two visits with Dr Lee and room 4 (one moved, one cancelled with a reason): their
 * title, location and reason are hers and Dr Lee's, so after her erasure they are readable on none of the three
 * calendars, in no snapshot, saga or read-model item, and not in the visit's own answers; their slots, ids and times
 * stay, and Dr Lee's own appointment stays readable.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErasureIT {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final String MARK = "Zq" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TITLE = MARK + "-title";
    private static final String LOCATION = MARK + "-location";
    private static final String REASON = MARK + "-reason";
    private static final String VISIT_TITLE = MARK + "-visit";
    private static final String BOB_TITLE = "Bob-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String LEE_TITLE = "Lee-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TABLE = "appointments-erasure";
    @TempDir
    static Path data;
    private static EmbeddedPostgres postgres;
    /** On disk, so that its file's bytes can be searched: freed pages keep what an overwrite removed. */
    private static DynamoDbServer dynamoDb;
    private static PackagedService service;
    private static Path log;
    private static Api staff;
    private static Api alice;
    private static String reminded;
    private static String moved;
    private static String visit;
    private static String cancelledVisit;
    private static Instant visitStart;
    private static final List<String> aliceIds = new ArrayList<>();

    @BeforeAll
    static void bookRemindReplaySnapshotThenErase() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(data.resolve("postgres")).setCleanDataDirectory(false)
                                   .start();
        log = data.resolve("service.log");
        dynamoDb = DynamoDbServer.onDisk(data.resolve("dynamodb"));
        List<String> settings = new ArrayList<>(List.of(
                "spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username=postgres",
                "scheduling.data-dir=" + data.resolve("service"),
                "scheduling.reminders.offsets=PT4S",
                "scheduling.snapshot-threshold=3"));
        settings.addAll(List.of(dynamoDb.settings(TABLE)));
        service = PackagedService.start(log, settings.toArray(String[]::new));
        staff = service.api();
        alice = staff.as("alice");

        // due 15 s from now (offset 4 s): time for the booking to land first, however busy the machine
        Instant soon = Instant.now().plusSeconds(19).truncatedTo(ChronoUnit.SECONDS);
        reminded = booked(alice.calendar("alice").book(Bookings.at(soon, Duration.ofMinutes(30)).title(TITLE)
                                                            .location(LOCATION)));
        moved = booked(alice.calendar("alice").book(Bookings.at(day(3), HOUR).title(TITLE).location(LOCATION)));
        assertThat(alice.calendar("alice").reschedule(moved, Bookings.at(day(4), HOUR)).status()).isEqualTo(200);
        String cancelled = booked(alice.calendar("alice").book(Bookings.at(day(5), HOUR).title(TITLE)));
        assertThat(alice.calendar("alice").cancel(cancelled, REASON).status()).isEqualTo(204);
        aliceIds.addAll(List.of(reminded, moved, cancelled));
        booked(staff.calendar("bob").book(Bookings.at(day(3), HOUR).title(BOB_TITLE)));

        // a visit of alice (patient), Dr Lee and room 4, moved; another one cancelled with a reason
        Api desk = staff.as("desk-1", "front-desk");
        visit = booked(desk.post("/appointments").json(visit(day(6))).send());
        visitStart = day(6).plus(Duration.ofHours(2));
        assertThat(desk.post("/appointments/" + visit + "/reschedule").json("{\"start\":\"" + visitStart + "\",\"end\":\""
                + visitStart.plus(HOUR) + "\"}").send().status()).isEqualTo(200);
        cancelledVisit = booked(desk.post("/appointments").json(visit(day(7))).send());
        assertThat(desk.delete("/appointments/" + cancelledVisit + "?reason=" + REASON).send().status()).isEqualTo(204);
        booked(staff.calendar("dr-lee").book(Bookings.at(day(8), HOUR).title(LEE_TITLE)));
        Api drLee = staff.as("dr-lee");
        Eventually.await("the visit on Dr Lee's calendar", Duration.ofSeconds(30), () ->
                VISIT_TITLE.equals(drLee.calendar("dr-lee").get(visit).json().path("title").asText()));
        assertThat(drLee.calendar("dr-lee").history().body()).as("Dr Lee reads the visit's text before").contains(
                VISIT_TITLE, REASON);

        Eventually.await("the reminder sent and recorded", Duration.ofSeconds(60), () ->
                alice.calendar("alice").get(reminded).json().path("remindersSent").size() > 0);
        Api admin = staff.as("ops", "admin");
        assertThat(admin.post("/admin/projections/appointments/replay").send().status()).isEqualTo(202);
        awaitCaughtUp(admin);
        try (Connection db = connect()) {
            assertThat(count(db, "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = 'alice'"))
                    .as("a snapshot of alice's calendar").isPositive();
            assertThat(count(db, "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = 'dr-lee'"))
                    .as("a snapshot of Dr Lee's calendar, with the visit in it").isPositive();
            assertThat(count(db, "SELECT count(*) FROM sagaentry")).as("bob's pending reminders").isPositive();
        }

        // before the erasure: readable through the service, and already nowhere in the database in clear
        assertThat(alice.calendar("alice").history().body()).contains(TITLE, LOCATION, REASON);
        assertThat(alice.calendar("alice").get(moved).json().path("title").asText()).isEqualTo(TITLE);
        assertThat(databaseDump()).doesNotContain(MARK).doesNotContain(hex(MARK));
        assertThat(dynamoDbItems()).doesNotContain(MARK);
        assertThat(dynamoDbFiles()).as("the read model's file: titles and locations are sealed there too")
                                   .doesNotContain(MARK);

        assertThat(staff.as("desk", "front-desk").calendar("alice").erase().status())
                .as("the front desk may not erase").isEqualTo(403);
        assertThat(staff.as("mallory").calendar("alice").erase().status()).isEqualTo(403);
        Response erased = alice.calendar("alice").erase();
        assertThat(erased.status()).isEqualTo(202);
        assertThat(erased.json().path("erased").asBoolean()).isTrue();
        Eventually.await("the read model forgets alice's titles", Duration.ofSeconds(30), () ->
                aliceIds.stream().allMatch(id -> alice.calendar("alice").get(id).json()
                                                      .path("title").isNull()));
        awaitCaughtUp(admin);
    }

    @AfterAll
    static void stop() throws IOException {
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    @Test
    void alices_text_is_nowhere_after_the_erasure() throws Exception {
        assertThat(databaseDump()).doesNotContain(MARK).doesNotContain(hex(MARK));
        assertThat(databaseFiles()).as("files of the database, write-ahead log included").doesNotContain(MARK);
        assertThat(dynamoDbItems()).doesNotContain(MARK);
        assertThat(dynamoDbFiles()).as("the read model's file, freed pages included").doesNotContain(MARK)
                                   ;
        Api auditor = staff.as("audit", "auditor");
        assertThat(auditor.get("/admin/audit/export?from=" + Instant.now().minus(Duration.ofHours(1)) + "&to="
                + Instant.now().plusSeconds(60)).send().body()).doesNotContain(MARK)
                                                              .contains(BOB_TITLE);
        assertThat(alice.get("/users/alice/history?pageSize=200").send().body()).doesNotContain(MARK);
        assertThat(alice.get("/users/alice/calendar?asOf=" + Instant.now()).send().body()).doesNotContain(MARK);
        for (String id : aliceIds) {
            assertThat(alice.calendar("alice").get(id).body()).doesNotContain(MARK);
        }
        assertThat(Files.readString(log)).doesNotContain(MARK);
    }

    @Test
    void the_history_keeps_every_event_with_its_ids_slots_times_and_actors() {
        JsonNode events = alice.get("/users/alice/history?pageSize=200").send().json().path("events");
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.path("type").asText()));
        assertThat(types).containsSubsequence("AppointmentBooked", "AppointmentBooked", "AppointmentRescheduled",
                "AppointmentBooked", "AppointmentCancelled", "ReminderSent", "PersonalDataErased");
        events.forEach(event -> {
            assertThat(event.path("actor").asText()).isIn("alice", "reminder-saga", "desk-1");
            assertThat(event.path("time").asText()).isNotEmpty();
        });
        JsonNode first = events.get(0).path("payload");
        assertThat(first.path("appointmentId").asText()).isEqualTo(reminded);
        assertThat(first.path("slot").path("start").asText()).isNotEmpty();
        assertThat(first.path("details").path("title").isNull()).isTrue();
    }

    @Test
    void the_calendar_still_refuses_overlaps_and_another_erasure_changes_nothing() throws Exception {
        Response overlapping = alice.calendar("alice").book(Bookings.at(day(4), HOUR));
        assertThat(overlapping.status()).isEqualTo(409);
        assertThat(overlapping.json().path("conflictingAppointmentId").asText()).isEqualTo(moved);

        long events;
        try (Connection db = connect()) {
            events = count(db, "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'alice'");
        }
        Response again = alice.calendar("alice").erase();
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("erased").asBoolean()).isFalse();
        try (Connection db = connect()) {
            assertThat(count(db, "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'alice'"))
                    .isEqualTo(events);
        }
    }

    @Test
    void erasing_someone_who_never_booked_writes_nothing() throws Exception {
        Response erased = staff.as("nobody").calendar("nobody").erase();

        assertThat(erased.status()).isEqualTo(202);
        assertThat(erased.json().path("erased").asBoolean()).isFalse();
        try (Connection db = connect()) {
            assertThat(count(db, "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'nobody'")).isZero();
        }
    }

    @Test
    void the_visits_keep_their_slots_on_every_calendar_but_no_text_of_alices() {
        Api desk = staff.as("desk-1", "front-desk");
        for (String calendar : List.of("alice", "dr-lee", "room-4")) {
            JsonNode onCalendar = staff.calendar(calendar).get(visit).json();
            assertThat(onCalendar.path("title").isNull()).as(calendar).isTrue();
            assertThat(onCalendar.path("location").isNull()).as(calendar).isTrue();
            assertThat(Instant.parse(onCalendar.path("start").asText())).as(calendar).isEqualTo(visitStart);
            assertThat(staff.calendar(calendar).get(cancelledVisit).json().path("status").asText()).as(calendar)
                    .isEqualTo("CANCELLED");
            assertThat(staff.calendar(calendar).history().body()).as(calendar).doesNotContain(MARK)
                    .contains(visit, cancelledVisit);
            assertThat(staff.get("/users/" + calendar + "/calendar?asOf=" + Instant.now()).send().body()).as(calendar)
                    .doesNotContain(MARK);
        }
        Response booked = desk.get("/appointments/" + visit).send();
        assertThat(booked.status()).isEqualTo(200);
        assertThat(booked.body()).doesNotContain(MARK);
        assertThat(booked.json().path("participants")).hasSize(3);
        assertThat(Instant.parse(booked.json().path("start").asText())).isEqualTo(visitStart);
        for (String id : List.of(visit, cancelledVisit)) {
            Response history = desk.get("/appointments/" + id + "/history").send();
            assertThat(history.status()).isEqualTo(200);
            assertThat(history.body()).doesNotContain(MARK);
        }
        assertThat(staff.as("dr-lee").calendar("dr-lee").list().body()).as("Dr Lee's own appointment stays readable")
                .contains(LEE_TITLE).doesNotContain(MARK);
        Response overlapping = staff.calendar("room-4").book(Bookings.at(visitStart, HOUR));
        assertThat(overlapping.status()).as("the room stays booked").isEqualTo(409);
    }

    /**
     * Her erasure is of what she had; a visit booked afterwards is sealed under her new key and Dr Lee's. Last: it
     * gives alice data to erase again.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void a_visit_booked_after_the_erasure_is_readable_again() {
        String again = "Again-" + UUID.randomUUID().toString().substring(0, 8);
        Response booked = staff.as("desk-1", "front-desk").post("/appointments")
                               .json(visit(day(9)).replace(VISIT_TITLE, again)).send();
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        String id = booked.json().path("id").asText();
        assertThat(staff.as("alice").get("/appointments/" + id).send().json().path("title").asText()).isEqualTo(again);
        Eventually.await("the new visit on Dr Lee's calendar", Duration.ofSeconds(30), () ->
                again.equals(staff.as("dr-lee").calendar("dr-lee").get(id).json().path("title").asText()));
    }

    @Test
    void bobs_data_is_untouched_and_readable() {
        assertThat(staff.calendar("bob").history().body()).contains(BOB_TITLE);
        JsonNode bob = staff.calendar("bob").list().json().path("appointments");
        assertThat(bob.get(0).path("title").asText()).isEqualTo(BOB_TITLE);
    }

    private static String visit(Instant start) {
        return """
                {"participants":[{"calendarId":"dr-lee","role":"practitioner"},{"calendarId":"room-4","role":"location"},
                                 {"calendarId":"alice","role":"patient"}],
                 "start":"%s","end":"%s","title":"%s","location":"%s"}"""
                .formatted(start, start.plus(HOUR), VISIT_TITLE, LOCATION);
    }

    private static String booked(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    private static void awaitCaughtUp(Api admin) {
        Eventually.await("the projection to catch up", Duration.ofSeconds(60), () -> {
            JsonNode status = admin.get("/admin/projections/appointments").send().json();
            return status.path("caughtUp").asBoolean() && !status.path("replaying").asBoolean()
                    && status.path("position").asLong() >= status.path("headPosition").asLong();
        });
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Every row of every table of the database, each column as text, bytea both as UTF-8 text and as hex (the
     * machine's pg_dump is version 15 and refuses the embedded PostgreSQL 16, so the dump is made here).
     */
    private static String databaseDump() throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT schemaname || '.' || tablename FROM pg_tables "
                    + "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).contains("public.domainevententry", "public.sagaentry", "public.snapshotevententry");
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            Object value = rows.getObject(column);
                            if (value instanceof byte[] bytes) {
                                dump.append(new String(bytes, StandardCharsets.UTF_8)).append(' ')
                                    .append(HexFormat.of().formatHex(bytes));
                            } else {
                                dump.append(value);
                            }
                            dump.append('\t');
                        }
                        dump.append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }

    /** The bytes of every file of the database cluster, read as text after a checkpoint flushed everything. */
    private static String databaseFiles() throws Exception {
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            statement.execute("CHECKPOINT");
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(data.resolve("postgres"))) {
            files.filter(Files::isRegularFile).forEach(file -> {
                try {
                    all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    if (Files.exists(file)) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        }
        return all.toString();
    }

    /** Every item of the read model as DynamoDB returns it (bob's among them: the scan reads what it should). */
    private static String dynamoDbItems() {
        try (var client = dynamoDb.client()) {
            StringBuilder items = new StringBuilder();
            client.scanPaginator(ScanRequest.builder().tableName(TABLE).consistentRead(true).build())
                  .items().forEach(item -> items.append(item).append('\n'));
            assertThat(items).contains("bob").contains("AES-256-GCM").doesNotContain(BOB_TITLE);
            return items.toString();
        }
    }

    /** The bytes of every file of DynamoDB Local's store, as text (bob's items among them). */
    private static String dynamoDbFiles() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(data.resolve("dynamodb"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(all).contains("bob");
        return all.toString();
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
