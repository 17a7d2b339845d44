package dev.scheduling.app;

import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service, on its embedded defaults, killed with SIGKILL right after acknowledging a booking: the next
 * start on the same data directory stops the PostgreSQL the dead process left behind, and the booking is there.
 */
class KillAndRestartIT {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void an_acknowledged_booking_survives_a_sigkill_of_the_service(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        Process service = startPackagedService(dataDir, port);
        Instant start = day(9).plus(Duration.ofHours(8));
        HttpResponse<String> booked;
        try {
            awaitHealthy(port, service);
            booked = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/users/erin/appointments"))
                                          .header("Content-Type", "application/json")
                                          .POST(HttpRequest.BodyPublishers.ofString(Bookings.at(start, HOUR).json()))
                                          .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(booked.statusCode()).isEqualTo(201);
        } finally {
            service.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs, PostgreSQL is orphaned
        }

        try (RunningService restarted = RunningService.withEmbeddedDefaults(dataDir.toString())) {
            Response again = restarted.api().post("/users/erin/appointments").json(Bookings.at(start, HOUR).json()).send();
            assertThat(again.status()).isEqualTo(409);
            String id = again.json().path("conflictingAppointmentId").asText();
            assertThat(booked.body()).contains(id);
            Eventually.await("the booking in the read model", Duration.ofSeconds(30),
                    () -> restarted.api().get("/users/erin/appointments/" + id).send().status() == 200);
        }
    }

    private static Process startPackagedService(Path dataDir, int port) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("scheduling-app-.*\\.jar")).findFirst()
                       .orElseThrow(() -> new IllegalStateException("package the service first (mvn verify does)"));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-jar", jar.toString(), "--scheduling.data-dir=" + dataDir,
                "--server.address=127.0.0.1", "--server.port=" + port))
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("service.log").toFile())
                .start();
    }

    private static void awaitHealthy(int port, Process service) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            assertThat(service.isAlive()).as("the service exited early").isTrue();
            try {
                var health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service did not become healthy in time");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
