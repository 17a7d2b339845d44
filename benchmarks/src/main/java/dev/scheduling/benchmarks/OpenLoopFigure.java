package dev.scheduling.benchmarks;

import org.HdrHistogram.Histogram;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * B7o: bookings arriving at a fixed rate, 80 % of B1's: latency from when each was due, and the projection's lag.
 */
final class OpenLoopFigure extends Phase {

    OpenLoopFigure(Context context) {
        super(context);
    }

    /**
     * B7o: bookings arriving at a fixed rate, 80 % of what B1 measured, for as long as B1 ran: the latency users see
     * at a rate the service sustains (timed from when each request was due), and the projection's lag meanwhile.
     */
    void openLoop(Load.Result b1, Optional<Load.Result> fromJavaClients) throws SQLException {
        // B7o's client is the harness's own (asynchronous java.net.http, in the JVM that also runs DynamoDB Local),
        // which takes more of the shared cores than wrk: 80 % of what B1 reached with wrk overloaded the service in
        // run F (latency p50 3.7 s). The rate is 80 % of B1 from the harness's Java clients where that ran.
        Load.Result peak = fromJavaClients.orElse(b1);
        double rate = 0.8 * peak.perSecond(201);
        NonConflictingBookings bookings = NonConflictingBookings.hourly(service.base(), service.token());
        AtomicBoolean running = new AtomicBoolean(true);
        Histogram lag = new Histogram(3_600_000_000L, 3);
        Thread prober = new Thread(() -> probeProjectionLag(running, lag, "b7o-prober"), "lag-prober");
        ProcStats.Cpu before = cpu();
        profiler.start(service.pid(), "B7o");
        prober.start();
        Load.Result result = OpenLoad.run(http, rate, mode.b1(), 1_024, i -> bookings.book("b7o-u", 10_000, i));
        running.set(false);
        try {
            prober.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        ProcStats.Cpu used = cpu().minus(before);
        printProfile(profiler.stop(service.pid(), "B7o"));
        double lagP50 = lag.getValueAtPercentile(50) / 1000.0;
        double lagP99 = lag.getValueAtPercentile(99) / 1000.0;
        figures.add("B7o", String.format("open loop: bookings arriving at 80 %% of B1%s (%.0f/s) for %d s, 10,000 users; "
                                + "latency from when each was due; projection lag meanwhile",
                        peak == b1 ? "" : " from the harness's Java clients", rate, mode.b1().toSeconds()),
                String.format("%.0f/s; latency p50 %.1f ms, p99 %.1f ms; lag p50 %.0f ms, p99 %.0f ms (%d probes)",
                        result.perSecond(201), result.percentileMillis(50), result.percentileMillis(99), lagP50, lagP99,
                        lag.getTotalCount()),
                "lag p99 at most 1 s", String.format("latency p99 / B1 p99: %.2f", result.percentileMillis(99)
                        / b1.percentileMillis(99)), lagP99 <= 1_000 && result.serverErrors() == 0);
        figures.note(String.format("B7o: %d requests in %.1f s: %s; cpu: %s", result.requests(), result.seconds(),
                result.describeStatuses(), used.describe(result.seconds(), cores)));
        awaitProjectionCaughtUp(Duration.ofMinutes(10));
        awaitSagasCaughtUp(Duration.ofMinutes(10));
    }
}
