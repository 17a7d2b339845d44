package dev.scheduling.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged service ({@code target/scheduling-app-*.jar}, built by {@code mvn verify} before the integration
 * tests) in a process of its own, which a test can kill with SIGKILL: no shutdown hook, no graceful anything.
 */
public final class PackagedService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final Api api;

    private PackagedService(Process process, int port) {
        this.process = process;
        this.port = port;
        this.api = new Api("http://127.0.0.1:" + port);
    }

    /** Starts the service with {@code settings} ({@code key=value}), output to {@code log}, and waits until healthy. */
    public static PackagedService start(Path log, String... settings) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString(), "--server.address=127.0.0.1", "--server.port=" + port));
        Map<String, String> arguments = new LinkedHashMap<>(TestSettings.DEFAULTS);
        for (String setting : settings) {
            int split = setting.indexOf('=');
            arguments.put(setting.substring(0, split), setting.substring(split + 1));
        }
        // each key once: Spring joins repeated command-line options with commas
        arguments.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                                                         .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                                                         .start();
            PackagedService service = new PackagedService(process, port);
            try {
                service.awaitHealthy(Duration.ofSeconds(120));
            } catch (RuntimeException | Error notHealthy) {
                service.kill(); // never left running behind a failed test
                throw notHealthy;
            }
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            // the executable jar, not the classes or tests jars attached beside it for scheduling-service
            return files.filter(f -> f.getFileName().toString().matches("scheduling-app-[^-]+(-SNAPSHOT)?\\.jar")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("package the service first (mvn verify does)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health")).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Eventually.pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException("the service did not become healthy within " + limit);
    }

    public Api api() {
        return api;
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
