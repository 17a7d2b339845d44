package dev.scheduling.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk (the Debian package) as the load generator of B1, B3 and B10: a C program on an event loop, two threads for
 * the 16 connections, that costs a fraction of the CPU that 16 JVM threads with blocking clients cost on a machine
 * the service shares, so that the figure is the service's and not the harness's. Closed loop like {@link Load}: a
 * connection sends its next request when the previous one was answered. The requests are {@link NonConflictingBookings}'s, made
 * by {@code wrk/bookings.lua}; its CPU is measured with the shell's {@code times}.
 */
final class Wrk {

    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\d+)");
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

    private final Path executable;
    private final Path script;
    private final Path runDir;

    private Wrk(Path executable, Path script, Path runDir) {
        this.executable = executable;
        this.script = script;
        this.runDir = runDir;
    }

    /** wrk from the PATH (benchmarks/run installs it where it can), with its script written to the run directory. */
    static Optional<Wrk> find(Path runDir) {
        String path = System.getenv().getOrDefault("PATH", "");
        Optional<Path> executable = List.of(path.split(":")).stream().filter(directory -> !directory.isBlank())
                                        .map(directory -> Path.of(directory, "wrk")).filter(Files::isExecutable).findFirst();
        if (executable.isEmpty()) {
            return Optional.empty();
        }
        Path script = runDir.resolve("bookings.lua");
        try (InputStream resource = Wrk.class.getResourceAsStream("/wrk/bookings.lua")) {
            Files.write(script, resource.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new Wrk(executable.get(), script, runDir));
    }

    /** Books on {@code users} calendars named {@code prefix0..}, as {@link Load} with the same requests would. */
    Load.Result run(String phase, NonConflictingBookings bookings, String prefix, int users, int connections, Duration duration) {
        int threads = Math.min(2, connections);
        List<String> command = new ArrayList<>(List.of("bash", "-c", "\"$@\"; status=$?; times; exit $status", "wrk",
                executable.toString(), "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--timeout", "30s", "-s", script.toString(),
                "-H", "Content-Type: application/json", "-H", "Authorization: Bearer " + bookings.token(),
                bookings.base().toString(), "--"));
        command.addAll(bookings.wrkArguments(prefix, users, threads));
        Path log = runDir.resolve("wrk-" + phase + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int exit = process.waitFor();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (exit != 0) {
                throw new IllegalStateException("wrk exited with " + exit + ": " + output);
            }
            return parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException("wrk did not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Load.Result parse(String output) {
        Map<String, Long> result = new HashMap<>();
        Map<Integer, Long> statuses = new TreeMap<>();
        double cpuSeconds = Double.NaN;
        for (String line : output.split("\n")) {
            if (line.startsWith("wrk-result ")) {
                Matcher field = FIELD.matcher(line);
                while (field.find()) {
                    result.put(field.group(1), Long.parseLong(field.group(2)));
                }
            } else if (line.startsWith("wrk-status ")) {
                String[] parts = line.trim().split(" ");
                statuses.put(Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
            } else {
                // times prints the shell's own times, then its children's: the second such line is wrk's
                Matcher times = TIMES.matcher(line.trim());
                if (times.matches()) {
                    cpuSeconds = Long.parseLong(times.group(1)) * 60 + Double.parseDouble(times.group(2))
                            + Long.parseLong(times.group(3)) * 60 + Double.parseDouble(times.group(4));
                }
            }
        }
        if (!result.containsKey("requests")) {
            throw new IllegalStateException("wrk printed no result: " + output);
        }
        long ioErrors = result.get("connect_errors") + result.get("read_errors") + result.get("write_errors")
                + result.get("timeouts");
        if (ioErrors > 0) {
            statuses.merge(-1, ioErrors, Long::sum);
        }
        Map<Double, Long> percentiles = Map.of(50.0, result.get("p50_us"), 95.0, result.get("p95_us"),
                99.0, result.get("p99_us"), 99.9, result.get("p999_us"));
        Load.Latency latency = percentile -> {
            Long micros = percentiles.get(percentile);
            if (micros == null) {
                throw new IllegalArgumentException("wrk reports p50, p95, p99 and p99.9, not p" + percentile);
            }
            return micros;
        };
        return new Load.Result("wrk", result.get("requests"), statuses, latency, result.get("duration_us") / 1e6,
                cpuSeconds);
    }
}
