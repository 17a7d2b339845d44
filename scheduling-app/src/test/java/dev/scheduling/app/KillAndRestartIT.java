package dev.scheduling.app;

import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.PackagedService;
import dev.scheduling.app.support.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service, on its embedded defaults, killed with SIGKILL right after acknowledging a booking: the next
 * start on the same data directory stops the PostgreSQL the dead process left behind, and the booking is there.
 */
class KillAndRestartIT {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void an_acknowledged_booking_survives_a_sigkill_of_the_service(@TempDir Path dataDir) {
        Instant start = day(9).plus(Duration.ofHours(8));
        PackagedService service = PackagedService.start(dataDir.resolve("service.log"), "scheduling.data-dir=" + dataDir);
        Response booked;
        try {
            booked = service.api().calendar("erin").book(Bookings.at(start, HOUR));
            assertThat(booked.status()).isEqualTo(201);
        } finally {
            service.kill(); // SIGKILL: no shutdown hook runs, PostgreSQL is orphaned
        }

        try (RunningService restarted = RunningService.withEmbeddedDefaults(dataDir.toString())) {
            Response again = restarted.api().calendar("erin").book(Bookings.at(start, HOUR));
            assertThat(again.status()).isEqualTo(409);
            String id = again.json().path("conflictingAppointmentId").asText();
            assertThat(booked.body()).contains(id);
            Eventually.await("the booking in the read model", Duration.ofSeconds(30),
                    () -> restarted.api().calendar("erin").get(id).status() == 200);
        }
    }
}
