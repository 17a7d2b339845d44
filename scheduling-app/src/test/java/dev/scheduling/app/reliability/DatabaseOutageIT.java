package dev.scheduling.app.reliability;

import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.RunningService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stops under the running service and comes back: commands fail fast with 503 while it is down, succeed
 * again after, and every booking acknowledged is in the event store, nothing else.
 */
class DatabaseOutageIT {

    @Test
    void commands_answer_503_while_the_event_store_is_down_and_nothing_half_written_remains(@TempDir Path data)
            throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres postgres = start(data, port);
        String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        List<String> acknowledged = new ArrayList<>();
        try (RunningService service = RunningService.onDatabase(jdbcUrl, "spring.datasource.hikari.connection-timeout=2000")) {
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

            postgres = start(data, port);
            Api again = api;
            Eventually.await("bookings accepted again", Duration.ofSeconds(30), () -> again.post("/users/outage-db/appointments")
                    .json(Bookings.at(day(6), Duration.ofHours(1)).json()).send().status() == 201);
            for (int i = 20; i < 25; i++) {
                acknowledged.add(book(api, i, 201));
            }
        } finally {
            postgres.close();
        }

        EmbeddedPostgres check = start(data, port);
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

    private static String book(Api api, int hour, int expected) {
        Response booked = api.post("/users/outage-db/appointments")
                             .json(Bookings.at(day(4).plus(Duration.ofHours(hour)), Duration.ofHours(1)).json()).send();
        assertThat(booked.status()).as(booked.body()).isEqualTo(expected);
        return booked.json().path("id").asText();
    }

    private static EmbeddedPostgres start(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }
}
