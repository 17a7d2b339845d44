package dev.scheduling.app;

import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's run command in miniature: no database settings at all, both stores embedded, and a restart keeps
 * every calendar and the read model.
 */
class EmbeddedDefaultsIT {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void a_restart_on_the_same_data_directory_keeps_every_calendar(@TempDir Path dataDir) {
        Instant start = day(7).plus(Duration.ofHours(9));
        String id;
        try (RunningService service = RunningService.withEmbeddedDefaults(dataDir.toString())) {
            Response booked = service.api().calendar("carol").book(Bookings.at(start, HOUR));
            assertThat(booked.status()).isEqualTo(201);
            id = booked.json().path("id").asText();
            Eventually.await("the booking in the read model", Duration.ofSeconds(5),
                    () -> service.api().get("/users/carol/appointments/" + booked.json().path("id").asText()).send()
                                 .status() == 200);
        }
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("dynamodb").resolve("read-model.db"))).isTrue();

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
