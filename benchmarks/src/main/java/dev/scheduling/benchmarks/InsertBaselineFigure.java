package dev.scheduling.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * B2: single-row insert transactions per second into the same PostgreSQL over JDBC, 16 connections: the
 * baseline B1 and B3 are compared with.
 */
final class InsertBaselineFigure extends Phase {

    InsertBaselineFigure(Context context) {
        super(context);
    }

    /** B2: single-row insert transactions per second into the same PostgreSQL over JDBC, 16 connections. */
    double insertBaseline() throws Exception {
        try (Connection connection = postgres.connect(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS bench_insert (id BIGSERIAL PRIMARY KEY, aggregate VARCHAR(255) NOT NULL,"
                    + " payload BYTEA NOT NULL, created VARCHAR(64) NOT NULL)");
        }
        // a row about the size of a booking's event row
        byte[] payload = ("{\"userId\":\"b2\",\"appointmentId\":\"" + UUID.randomUUID() + "\",\"slot\":{\"start\":"
                + "\"2027-01-01T10:00:00Z\",\"end\":\"2027-01-01T10:30:00Z\"},\"details\":{\"title\":\"Benchmark visit\","
                + "\"location\":\"Room 4\",\"timeZone\":\"Europe/Amsterdam\"},\"idempotencyKey\":null}").getBytes(StandardCharsets.UTF_8);
        AtomicLong inserts = new AtomicLong();
        long deadline = System.nanoTime() + mode.b2().toNanos();
        ProcStats.Cpu before = cpu();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            futures.add(pool.submit(() -> {
                try (Connection connection = postgres.connect();
                     PreparedStatement insert = connection.prepareStatement(
                             "INSERT INTO bench_insert (aggregate, payload, created) VALUES (?, ?, ?)")) {
                    connection.setAutoCommit(true);
                    while (System.nanoTime() < deadline) {
                        insert.setString(1, "b2-user");
                        insert.setBytes(2, payload);
                        insert.setString(3, Instant.now().toString());
                        insert.executeUpdate();
                        inserts.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        double perSecond = inserts.get() / seconds;
        figures.add("B2", "baseline: single-row insert transactions into PostgreSQL, JDBC, 16 connections",
                String.format("%.0f tx/s", perSecond), "(baseline)", "-", null);
        figures.note("B2 cpu: " + cpu().minus(before).describe(seconds, cores));
        return perSecond;
    }
}
