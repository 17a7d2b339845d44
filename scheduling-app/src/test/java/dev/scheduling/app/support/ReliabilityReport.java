package dev.scheduling.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The figures of the reliability tests (requests made, faults injected, what was lost), each test adding its line
 * to {@code target/reliability-report.md} as it finishes, so that RELIABILITY.md can be checked against a run.
 */
public final class ReliabilityReport {

    private static final Path REPORT = Path.of("target", "reliability-report.md");

    static {
        // this run's figures only: the file of an earlier run (without a clean) starts over
        try {
            Files.deleteIfExists(REPORT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReliabilityReport() {
    }

    public static synchronized void record(String promise, String figures) {
        String line = "- " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " promise " + promise + ": " + figures + "\n";
        System.out.print("RELIABILITY " + line);
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A duration setting of the suite: short by default (CI), longer for a soak run ({@code -Dreliability.x=600}). */
    public static int seconds(String name, int byDefault) {
        return Integer.getInteger("reliability." + name, byDefault);
    }
}
