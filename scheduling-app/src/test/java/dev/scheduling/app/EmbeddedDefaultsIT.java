package dev.scheduling.app;

import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.RunningService;
import org.junit.jupiter.api.Test;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's run command in miniature: no database settings at all, both stores embedded, and a restart keeps
 * every calendar and the read model.
 */
class EmbeddedDefaultsIT {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    /**
     * The embedded PostgreSQL takes no connection without its password (the library would trust every local one as
     * superuser, and any user of the machine could read the signing key through it): not over TCP, not over its socket.
     */
    @Test
    void the_embedded_postgresql_asks_every_connection_for_its_password(@TempDir Path dataDir) throws Exception {
        try (RunningService service = RunningService.withEmbeddedDefaults(dataDir.toString())) {
            int port = service.bean(EmbeddedPostgres.class).getPort();
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";

            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "guessed")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThat(Files.readAllLines(dataDir.resolve("postgres").resolve("pg_hba.conf")).stream()
                            .filter(rule -> !rule.isBlank() && !rule.stripLeading().startsWith("#")))
                    .isNotEmpty().allSatisfy(rule -> assertThat(rule).endsWith("scram-sha-256").doesNotContain("trust"));
            String password = Files.readString(dataDir.resolve("postgres-password")).strip();
            try (Connection connection = DriverManager.getConnection(url, "postgres", password)) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void a_restart_on_the_same_data_directory_keeps_every_calendar(@TempDir Path dataDir) throws Exception {
        Instant start = day(7).plus(Duration.ofHours(9));
        String id;
        try (RunningService service = RunningService.withEmbeddedDefaults(dataDir.toString())) {
            assertThat(service.bean(Environment.class).getProperty("server.address")).as("listening on").isEqualTo("127.0.0.1");
            Response booked = service.api().calendar("carol").book(Bookings.at(start, HOUR));
            assertThat(booked.status()).isEqualTo(201);
            id = booked.json().path("id").asText();
            Eventually.await("the booking in the read model", Duration.ofSeconds(30),
                    () -> service.api().get("/users/carol/appointments/" + booked.json().path("id").asText()).send()
                                 .status() == 200);
        }
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("dynamodb").resolve("read-model.db"))).isTrue();
        // what holds keys or personal data is this user's alone
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("dynamodb"))).isEqualTo(OWNER_ONLY_DIRECTORY);
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("dynamodb").resolve("read-model.db"))).isEqualTo(OWNER_ONLY);
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("postgres-password"))).isEqualTo(OWNER_ONLY);
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("local-issuer"))).isEqualTo(OWNER_ONLY_DIRECTORY);

        try (RunningService restarted = RunningService.withEmbeddedDefaults(dataDir.toString())) {
            Response read = restarted.api().calendar("carol").get(id);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().path("start").asText()).isEqualTo(start.toString());

            Response overlap = restarted.api().calendar("carol").book(Bookings.at(start, HOUR));
            assertThat(overlap.status()).isEqualTo(409);
            assertThat(overlap.json().path("conflictingAppointmentId").asText()).isEqualTo(id);

            Response moved = restarted.api().post("/users/carol/appointments/" + id + "/reschedule")
                                      .json(Bookings.at(start.plus(HOUR), HOUR).json()).send();
            assertThat(moved.status()).isEqualTo(200);
            assertThat(restarted.api().get("/actuator/health").send().json().path("status").asText()).isEqualTo("UP");
        }
    }
}
