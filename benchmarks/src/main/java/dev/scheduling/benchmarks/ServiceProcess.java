package dev.scheduling.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code scheduling-app/target/scheduling-app-*.jar}) in a JVM of its own, so that its
 * memory and CPU are its own; its output goes to {@code service.log} in the run directory.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final URI base;
    private String token;

    private ServiceProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    static ServiceProcess start(Path jar, List<String> jvmOptions, List<String> settings, Path runDir) {
        return start(jar, jvmOptions, settings, runDir, "service.log");
    }

    static ServiceProcess start(Path jar, List<String> jvmOptions, List<String> settings, Path runDir, String logName) {
        int port = Ports.free();
        List<String> command = new ArrayList<>();
        command.add(java("java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.address=127.0.0.1");
        command.add("--server.port=" + port);
        command.add("--spring.main.banner-mode=off");
        command.add("--scheduling.data-dir=" + runDir.resolve("service-data"));
        settings.forEach(setting -> command.add("--" + setting));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                                                         .redirectOutput(runDir.resolve(logName).toFile())
                                                         .start();
            ServiceProcess service = new ServiceProcess(process, URI.create("http://127.0.0.1:" + port));
            awaitReady(process, service.base.resolve("/actuator/health/readiness"), "the service", Duration.ofSeconds(120),
                    runDir.resolve(logName));
            service.token = service.localToken();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("the service did not start", e);
        }
    }

    /** A tool of the JDK the service runs on: {@code bench.serviceJavaHome} (SERVICE_JAVA_HOME), else the harness's. */
    static Path java(String tool) {
        String home = System.getProperty("bench.serviceJavaHome", "");
        return Path.of(home.isBlank() ? System.getProperty("java.home") : home, "bin", tool);
    }

    /** Waits until {@code probe} answers 200; fails at once if the process exits, naming its log. */
    static void awaitReady(Process process, URI probe, String what, Duration timeout, Path log) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException(what + " was not ready within " + timeout + "; see " + log);
    }

    /** Stops the process, forcibly after 30 seconds. */
    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    URI base() {
        return base;
    }

    /** The harness's bearer token: a member of staff (front-desk and admin) issued by the service's local mode. */
    String token() {
        return token;
    }

    /** A request to {@code path} of the service, with the harness's token. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token);
    }

    private String localToken() {
        String body = "{\"subject\":\"benchmark\",\"roles\":[\"front-desk\",\"admin\"],\"ttl\":\"P1D\"}";
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/local/tokens"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no token from the service: " + response.statusCode() + " " + response.body());
            }
            return new ObjectMapper().readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("no token from the service", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory now and its peak since the start, in KiB, from /proc. */
    ProcStats.Memory memory() {
        return ProcStats.memory(process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean exists(Path jar) {
        return Files.isRegularFile(jar);
    }
}
