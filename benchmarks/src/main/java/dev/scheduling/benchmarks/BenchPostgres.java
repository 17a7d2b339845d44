package dev.scheduling.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * The event store's PostgreSQL for a run: the same binaries and durability settings as the service's embedded one
 * (fsync and synchronous_commit on: a commit is on disk before it is acknowledged), in a directory of the run.
 */
final class BenchPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private BenchPostgres(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    static BenchPostgres start(Path runDir) {
        Path dataDir = runDir.resolve("postgres");
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                                                        .setDataDirectory(dataDir)
                                                        .setCleanDataDirectory(true)
                                                        .setServerConfig("fsync", "on")
                                                        .setServerConfig("synchronous_commit", "on")
                                                        .setServerConfig("max_connections", "200")
                                                        .setServerConfig("shared_buffers", "256MB")
                                                        // counts the statements of each phase (RoundTrips)
                                                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                                                        .setServerConfig("pg_stat_statements.track", "all")
                                                        .start();
            BenchPostgres started = new BenchPostgres(postgres, dataDir);
            try (Connection connection = started.connect(); java.sql.Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_statements is not available", e);
        }
    }

    String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    /** The postmaster's process id, whose children are the backends (for CPU accounting). */
    long postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return Long.parseLong(lines.get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
