package dev.scheduling.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One figure's part of a run, with what every part has at hand (the mode, the table, the profiler, the service and
 * its PostgreSQL, the load generator) and the waits and measures several figures share.
 */
abstract class Phase {

    static final int CLIENTS = 16;
    static final ObjectMapper JSON = new ObjectMapper();

    /** The run a phase belongs to; the service is replaced when the suite restarts it (before B4). */
    record Context(Suite.Mode mode, Path runDir, Figures figures, Profiler profiler, HttpClient http, int cores,
                   BenchPostgres postgres, ServiceProcess service, Optional<Wrk> wrk) {

        Context withService(ServiceProcess restarted) {
            return new Context(mode, runDir, figures, profiler, http, cores, postgres, restarted, wrk);
        }
    }

    protected final Suite.Mode mode;
    protected final Path runDir;
    protected final Figures figures;
    protected final Profiler profiler;
    protected final HttpClient http;
    protected final int cores;
    protected final BenchPostgres postgres;
    protected final ServiceProcess service;
    protected final Optional<Wrk> wrk;

    Phase(Context context) {
        this.mode = context.mode();
        this.runDir = context.runDir();
        this.figures = context.figures();
        this.profiler = context.profiler();
        this.http = context.http();
        this.cores = context.cores();
        this.postgres = context.postgres();
        this.service = context.service();
        this.wrk = context.wrk();
    }

    /**
     * Books on a calendar of its own, then reads the appointment until the read model has it: the time from the
     * 201 to the first 200 is what a user sees as the projection's lag. Polls every 5 ms, less often as the wait
     * grows; one probe at a time, at most 10 a second, so the probes themselves are a small part of the load.
     */
    protected void probeProjectionLag(AtomicBoolean running, Histogram lag, String user) {
        NonConflictingBookings bookings = NonConflictingBookings.hourly(service.base(), service.token());
        long slot = 0;
        while (running.get()) {
            try {
                HttpResponse<String> booked = http.send(bookings.book(user, slot++), HttpResponse.BodyHandlers.ofString());
                long acknowledged = System.nanoTime();
                if (booked.statusCode() != 201) {
                    continue;
                }
                String location = booked.headers().firstValue("Location").orElseThrow();
                HttpRequest read = service.request(location).GET().build();
                while (http.send(read, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    long waitedMillis = (System.nanoTime() - acknowledged) / 1_000_000;
                    if (waitedMillis > Duration.ofMinutes(10).toMillis()) {
                        throw new IllegalStateException("booking " + location + " not visible after 10 minutes");
                    }
                    // every 5 ms at first, then every 1/20 of the time waited: within 5 % of the lag, while a lag
                    // of seconds does not turn the prober into a load of its own (it polled 200 times a second)
                    Thread.sleep(Math.max(5, waitedMillis / 20));
                }
                lag.recordValue(Math.max(1, (System.nanoTime() - acknowledged) / 1000));
                Thread.sleep(100);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    protected long countEvents() throws SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domainevententry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    protected void awaitProjectionCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest status = service.request("/admin/projections/appointments").GET().build();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode body = JSON.readTree(http.send(status, HttpResponse.BodyHandlers.ofString()).body());
                if (!body.path("replaying").asBoolean(true) && body.path("caughtUp").asBoolean(false)
                        && body.path("position").asLong(-1) >= body.path("headPosition").asLong(Long.MAX_VALUE)) {
                    return;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ServiceProcess.sleep(100);
        }
        throw new IllegalStateException("the projection did not catch up within " + timeout);
    }

    /** The reminder saga's processor has handled every stored event (its gap-aware tokens, read from the token store). */
    protected void awaitSagasCaughtUp(Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = statement.executeQuery("SELECT (SELECT max(globalindex) FROM domainevententry), "
                        + "(SELECT min((convert_from(token, 'UTF8')::json ->> 'index')::bigint) FROM tokenentry "
                        + "WHERE processorname = 'AppointmentReminderSagaProcessor')")) {
                    rows.next();
                    if (rows.getLong(2) >= rows.getLong(1)) {
                        return;
                    }
                }
                ServiceProcess.sleep(100);
            }
        }
        throw new IllegalStateException("the reminder sagas did not catch up within " + timeout);
    }

    /** A closed-loop booking load on calendars prefix0, prefix1, ...: wrk where the machine has it, else Java clients. */
    protected Load.Result bookingLoad(String phase, NonConflictingBookings bookings, String prefix, int users, Duration duration) {
        return wrk.map(generator -> generator.run(phase, bookings, prefix, users, CLIENTS, duration))
                  .orElseGet(() -> Load.run(http, CLIENTS, duration, Long.MAX_VALUE, i -> bookings.book(prefix, users, i)));
    }

    protected ProcStats.Cpu cpu() {
        return ProcStats.cpu(service.pid(), postgres.postmasterPid());
    }

    protected static void printProfile(String profile) {
        if (!profile.isEmpty()) {
            System.out.println(profile);
        }
    }
}
