package dev.scheduling.app.reliability;

import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.DynamoDbServer;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.LoadClients;
import dev.scheduling.app.support.LoadClients.Outcome;
import dev.scheduling.app.support.PackagedService;
import dev.scheduling.app.support.ReliabilityReport;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TcpProxy;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stops under the running service and comes back: commands fail fast with 503 while it is down, succeed
 * again after, and every booking acknowledged is in the event store, nothing else. The service reaches PostgreSQL
 * through a proxy whose port it holds throughout, so that the restarted database can take any free port.
 */
class DatabaseOutageIT {

    @Test
    void commands_answer_503_while_the_event_store_is_down_and_nothing_half_written_remains(@TempDir Path data)
            throws Exception {
        EmbeddedPostgres postgres = start(data);
        TcpProxy network = new TcpProxy(postgres.getPort());
        String jdbcUrl = jdbcUrl(network);
        List<String> acknowledged = new ArrayList<>();
        try (network; RunningService service = RunningService.onDatabase(jdbcUrl, "spring.datasource.hikari.connection-timeout=2000")) {
            Api api = service.api();
            for (int i = 0; i < 10; i++) {
                acknowledged.add(book(api, i, 201));
            }

            postgres.close();
            for (int i = 10; i < 20; i++) {
                Instant asked = Instant.now();
                Response refused = api.post("/users/outage-db/appointments")
                                      .json(Bookings.at(day(4).plus(Duration.ofHours(i)), Duration.ofHours(1)).json()).send();
                assertThat(refused.status()).as(refused.body()).isEqualTo(503);
                assertThat(refused.problemCode()).isEqualTo("service-unavailable");
                assertThat(refused.header("Retry-After")).isNotBlank();
                assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(10));
            }

            postgres = start(data);
            network.retarget(postgres.getPort());
            Api again = api;
            Eventually.await("bookings accepted again", Duration.ofSeconds(30), () -> again.post("/users/outage-db/appointments")
                    .json(Bookings.at(day(6), Duration.ofHours(1)).json()).send().status() == 201);
            for (int i = 20; i < 25; i++) {
                acknowledged.add(book(api, i, 201));
            }
        } finally {
            postgres.close();
        }

        EmbeddedPostgres check = start(data);
        try {
            EventStoreReader eventStore = new EventStoreReader(check.getJdbcUrl("postgres", "postgres"));
            List<String> stored = eventStore.events("outage-db").stream()
                                            .map(e -> e.payload().path("appointmentId").asText()).toList();
            assertThat(stored).containsAll(acknowledged).hasSize(acknowledged.size() + 1);
            assertThat(eventStore.overlaps("outage-db")).isEmpty();
        } finally {
            check.close();
        }
    }

    /**
     * Promise 7 under load: 8 clients book while PostgreSQL stops for {@code reliability.databaseOutageSeconds}
     * (5 s) and starts again. Every answer is 201 or a fast 503, bookings are accepted again after, every 201 is
     * stored, and every stored booking was asked for by a request that got a 201 or a 503 (counted: the client of
     * such a 503 did not learn its booking was made; an Idempotency-Key retry would tell it).
     */
    @Test
    void postgresql_restarted_under_concurrent_writers_refuses_fast_and_keeps_every_acknowledged_booking(
            @TempDir Path data) throws Exception {
        int outageSeconds = ReliabilityReport.seconds("databaseOutageSeconds", 5);
        EmbeddedPostgres postgres = start(data);
        TcpProxy network = new TcpProxy(postgres.getPort());
        String jdbcUrl = jdbcUrl(network);
        List<Outcome> outcomes;
        double acceptedAgainAfter;
        AtomicReference<String> phase = new AtomicReference<>("before");
        // the packaged service, as in production: the test JVM runs with assertions on, and PostgreSQL's driver
        // asserts on states that a database stopped under it produces
        String[] settings = Stream.concat(Stream.of("spring.datasource.url=" + jdbcUrl, "spring.datasource.username=postgres",
                "spring.datasource.hikari.connection-timeout=2000", "scheduling.data-dir=" + Files.createTempDirectory("restart-service")),
                Stream.of(DynamoDbServer.shared().settings("appointments-restart-under-load"))).toArray(String[]::new);
        try (network; PackagedService service = PackagedService.start(Path.of("target", "database-restart-service.log"),
                settings)) {
            Api api = service.api();
            LoadClients clients = LoadClients.start(8, (client, i) -> LoadClients.timed("restart-" + client,
                    phase.get() + " " + i, api.post("/users/restart-" + client + "/appointments")
                                              .json(Bookings.at(day(4).plus(Duration.ofHours(i)), Duration.ofMinutes(30)).json())));
            Eventually.pause(Duration.ofSeconds(2));
            postgres.close();
            phase.set("down");
            Eventually.pause(Duration.ofSeconds(outageSeconds));
            postgres = start(data);
            network.retarget(postgres.getPort());
            long backAt = System.nanoTime();
            phase.set("after");
            Eventually.await("bookings accepted again", Duration.ofSeconds(30),
                    () -> clients.outcomes().stream().anyMatch(o -> o.request().startsWith("after") && o.status() == 201));
            acceptedAgainAfter = (System.nanoTime() - backAt) / 1e9;
            Eventually.pause(Duration.ofSeconds(2));
            clients.stop();
            outcomes = clients.outcomes();
        }
        try {
            assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(201, 503));
            assertThat(outcomes).filteredOn(o -> o.status() == 503).allSatisfy(o -> {
                assertThat(o.problemCode()).isEqualTo("service-unavailable");
                assertThat(o.millis()).as("refused within, ms").isLessThan(10_000);
            });
            long refused = outcomes.stream().filter(o -> o.status() == 503).count();
            assertThat(refused).isGreaterThan(0);

            EventStoreReader eventStore = new EventStoreReader(postgres.getJdbcUrl("postgres", "postgres"));
            Map<String, EventStoreReader.ExpectedAppointment> stored = eventStore.expectedReadModel();
            List<Outcome> acknowledged = outcomes.stream().filter(o -> o.status() == 201).toList();
            Set<String> storedIds = eventStore.appointmentIds();
            assertThat(acknowledged).allSatisfy(o -> assertThat(storedIds).contains(o.appointmentId()));
            // each request asked for its own hour: a stored booking no 201 accounts for must match a refused request
            Set<String> acknowledgedIds = acknowledged.stream().map(Outcome::appointmentId).collect(Collectors.toSet());
            Set<String> refusedSlots = outcomes.stream().filter(o -> o.status() == 503)
                                               .map(o -> o.user() + "@" + o.request().substring(o.request().indexOf(' ') + 1))
                                               .collect(Collectors.toSet());
            long storedThoughRefused = 0;
            for (EventStoreReader.ExpectedAppointment appointment : stored.values()) {
                if (!acknowledgedIds.contains(appointment.appointmentId())) {
                    long hour = Duration.between(day(4), appointment.start()).toHours();
                    assertThat(refusedSlots).as("an unacknowledged stored booking").contains(appointment.userId() + "@" + hour);
                    storedThoughRefused++;
                }
            }
            for (int client = 0; client < 8; client++) {
                assertThat(eventStore.overlaps("restart-" + client)).isEmpty();
            }
            ReliabilityReport.record("7 (PostgreSQL restart under load)", String.format(
                    "PostgreSQL down %d s under 8 booking clients: %d requests (%s), slowest 503 %d ms, bookings "
                            + "accepted again %.1f s after PostgreSQL was back, all %d x 201 stored, %d stored bookings "
                            + "answered 503 (commit raced the stop), nothing else stored; lost 0",
                    outageSeconds, outcomes.size(), LoadClients.statuses(outcomes),
                    outcomes.stream().filter(o -> o.status() == 503).mapToLong(Outcome::millis).max().orElse(0),
                    acceptedAgainAfter, acknowledged.size(), storedThoughRefused));
        } finally {
            postgres.close();
        }
    }

    private static String book(Api api, int hour, int expected) {
        Response booked = api.calendar("outage-db").book(Bookings.at(day(4).plus(Duration.ofHours(hour)),
                Duration.ofHours(1)));
        assertThat(booked.status()).as(booked.body()).isEqualTo(expected);
        return booked.json().path("id").asText();
    }

    /** PostgreSQL on the data directory, on whatever port is free. */
    private static EmbeddedPostgres start(Path data) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
    }

    private static String jdbcUrl(TcpProxy network) {
        return "jdbc:postgresql://127.0.0.1:" + network.port() + "/postgres?user=postgres";
    }
}
