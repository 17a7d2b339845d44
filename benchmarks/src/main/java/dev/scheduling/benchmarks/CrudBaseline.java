package dev.scheduling.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * B10: the CRUD alternative ({@link dev.scheduling.benchmarks.crud.CrudBookingApplication}) in a JVM of its own
 * with the service's JVM options, on a database of its own in the suite's PostgreSQL, booked by the same clients
 * with the same requests as B1, after the same warm-up. The service stays up but idle (its read model caught up).
 */
final class CrudBaseline implements AutoCloseable {

    private final Process process;
    private final URI base;

    private CrudBaseline(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    static CrudBaseline start(BenchPostgres postgres, List<String> jvmOptions, Path runDir) {
        try (Connection connection = postgres.connect(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE DATABASE crud");
        } catch (SQLException e) {
            throw new IllegalStateException("no database for the CRUD baseline", e);
        }
        int port = Ports.free();
        List<String> command = new ArrayList<>();
        command.add(ServiceProcess.java("java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.scheduling.benchmarks.crud.CrudBookingApplication");
        command.add("--server.address=127.0.0.1");
        command.add("--server.port=" + port);
        command.add("--spring.main.banner-mode=off");
        command.add("--spring.datasource.url=" + postgres.jdbcUrl("crud"));
        command.add("--spring.datasource.username=postgres");
        command.add("--spring.datasource.hikari.maximum-pool-size=16");
        Path log = runDir.resolve("crud-baseline.log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            CrudBaseline baseline = new CrudBaseline(process, URI.create("http://127.0.0.1:" + port));
            ServiceProcess.awaitReady(process, baseline.base.resolve("/ready"), "the CRUD baseline", Duration.ofSeconds(90), log);
            return baseline;
        } catch (IOException e) {
            throw new UncheckedIOException("the CRUD baseline did not start", e);
        }
    }

    URI base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        ServiceProcess.stop(process);
    }
}
