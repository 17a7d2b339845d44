package dev.scheduling.app.eventstore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops a PostgreSQL left running on the data directory by a service that died without shutting down (SIGKILL,
 * power loss of the JVM only). The embedded PostgreSQL outlives its JVM and keeps its lock on the directory, so
 * the next start would fail. A live service holds a file lock on {@code epg-lock}; only when that lock is free is
 * the listed postmaster an orphan, and only then is it stopped.
 */
final class OrphanedPostgres {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostgres.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private OrphanedPostgres() {
    }

    static void stopIfAny(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Path lockFile = dataDirectory.resolve("epg-lock");
        if (!Files.exists(pidFile) || !Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return; // this very JVM runs it
            }
            if (lock == null) {
                return; // another live service runs it; starting will fail with PostgreSQL's own message
            }
            try {
                postmaster(pidFile).ifPresent(OrphanedPostgres::stop);
            } finally {
                lock.release();
            }
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                            .filter(ProcessHandle::isAlive)
                            .filter(process -> process.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    private static void stop(ProcessHandle postgres) {
        log.warn("Stopping PostgreSQL (pid {}) left running by a service that did not shut down", postgres.pid());
        postgres.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with their JVM
        try {
            postgres.onExit().get(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("PostgreSQL (pid {}) did not stop in {}; killing it, it recovers from its WAL on start",
                    postgres.pid(), SHUTDOWN_WAIT);
            postgres.destroyForcibly();
            postgres.onExit().join();
        }
    }
}
