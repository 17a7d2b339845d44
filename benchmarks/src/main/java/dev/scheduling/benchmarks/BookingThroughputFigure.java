package dev.scheduling.benchmarks;

import org.HdrHistogram.Histogram;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * B1 (bookings per second through HTTP on 10,000 calendars), with B7 (the projection's lag under that load) and B9
 * (the service's peak resident memory meanwhile), after a warm-up on calendars of their own.
 */
final class BookingThroughputFigure extends Phase {

    /** B1 from the harness's Java clients, where it ran (full mode with wrk): the peak B7o's own client can reach. */
    private Load.Result fromJavaClients;

    BookingThroughputFigure(Context context) {
        super(context);
    }

    Optional<Load.Result> fromJavaClients() {
        return Optional.ofNullable(fromJavaClients);
    }

    /** Warms the service up with B1's load on calendars of its own, as many as B1's, so that its cache is full. */
    void warmUp() {
        NonConflictingBookings bookings = NonConflictingBookings.hourly(service.base(), service.token());
        Load.Result result = bookingLoad("warm-up", bookings, "warm-", 10_000, mode.warmUp());
        System.out.printf("warm-up: %d bookings in %.1f s (%s)%n", result.requests(), result.seconds(),
                result.describeStatuses());
        awaitProjectionCaughtUp(Duration.ofMinutes(2));
    }

    Load.Result bookingThroughput(double baselineInserts) throws Exception {
        NonConflictingBookings bookings = NonConflictingBookings.hourly(service.base(), service.token());
        AtomicBoolean running = new AtomicBoolean(true);
        Histogram lag = new Histogram(3_600_000_000L, 3);
        Thread prober = new Thread(() -> probeProjectionLag(running, lag, "b7-prober"), "lag-prober");
        AtomicLong peakRss = new AtomicLong();
        Thread memory = new Thread(() -> {
            while (running.get()) {
                peakRss.accumulateAndGet(service.memory().rssKib(), Math::max);
                ServiceProcess.sleep(100);
            }
        }, "rss-sampler");
        ProcStats.Cpu before = cpu();
        RoundTrips statementsBefore = RoundTrips.read(postgres);
        profiler.start(service.pid(), "B1");
        prober.start();
        memory.start();
        Load.Result result = bookingLoad("B1", bookings, "b1-u", 10_000, mode.b1());
        running.set(false);
        prober.join();
        memory.join();
        ProcStats.Cpu used = cpu().minus(before);
        String profile = profiler.stop(service.pid(), "B1");
        ProcStats.Memory afterB1 = service.memory();
        long peakRssDuringB1Kib = Math.max(peakRss.get(), afterB1.rssKib());

        double perSecond = result.perSecond(201);
        figures.add("B1", "bookings through HTTP, 16 connections (" + result.client() + "), 10,000 users, no conflicts",
                String.format("%.0f/s; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", perSecond, result.percentileMillis(50),
                        result.percentileMillis(95), result.percentileMillis(99)),
                "at least 2,500/s; p99 at most 25 ms", String.format("B1/B2: %.2f (goal at least 0.25)", perSecond / baselineInserts),
                perSecond >= 2_500 && result.percentileMillis(99) <= 25 && perSecond / baselineInserts >= 0.25);
        figures.note(String.format("B1: %d requests in %.1f s: %s; cpu: %s", result.requests(), result.seconds(),
                result.describeStatuses(), used.describe(result.seconds(), cores)) + result.describeClientCpu());
        printProfile(profile);
        // the closed-loop load outruns the projection: what it left behind, and the rate the whole service sustains
        long drainStarted = System.nanoTime();
        awaitProjectionCaughtUp(Duration.ofMinutes(10));
        double drain = (System.nanoTime() - drainStarted) / 1e9;
        // counted once both processors have handled B1's events too, so that their statements are included
        awaitSagasCaughtUp(Duration.ofMinutes(10));
        figures.note("B1 in PostgreSQL (load and catch-up): "
                + RoundTrips.read(postgres).describeSince(statementsBefore, result.count(201), 12));
        figures.note(String.format("B1: the read model caught up %.1f s after the load stopped: sustained with the "
                + "projection keeping up, %.0f bookings/s", drain, result.count(201) / (result.seconds() + drain)));

        double p50 = lag.getValueAtPercentile(50) / 1000.0;
        double p99 = lag.getValueAtPercentile(99) / 1000.0;
        figures.add("B7", "projection lag under B1's load (201 to visible in GET)",
                String.format("p50 %.1f ms, p99 %.1f ms (%d probes)", p50, p99, lag.getTotalCount()),
                "p99 at most 250 ms", String.format("p99 / B1 p99: %.2f", p99 / result.percentileMillis(99)), p99 <= 250);

        figures.add("B9", "peak resident memory of the service under B1",
                String.format("%d MiB (VmRSS sampled every 100 ms; peak since start VmHWM %d MiB)",
                        peakRssDuringB1Kib / 1024, afterB1.peakKib() / 1024),
                "at most 512 MiB", String.format("of machine memory: %.1f %%", 100.0 * peakRssDuringB1Kib / ProcStats.memTotalKib()),
                peakRssDuringB1Kib <= 512 * 1024);
        if (wrk.isPresent() && mode.name().equals("full")) {
            b1WithJavaClients(bookings, result);
        }
        return result;
    }

    /** B1's load once more from the harness's own Java clients, on other calendars: what the load generator costs. */
    private void b1WithJavaClients(NonConflictingBookings bookings, Load.Result withWrk) throws SQLException {
        ProcStats.Cpu before = cpu();
        Load.Result result = Load.run(http, CLIENTS, mode.b1(), Long.MAX_VALUE, i -> bookings.book("b1j-u", 10_000, i));
        ProcStats.Cpu used = cpu().minus(before);
        fromJavaClients = result;
        figures.note(String.format("B1 again from the harness's Java clients (16 threads, blocking java.net.http, in the "
                        + "JVM that also runs DynamoDB Local) instead of wrk, on other calendars: %.0f/s (wrk: %.0f/s); p50 "
                        + "%.1f ms, p99 %.1f ms; %s; cpu: %s", result.perSecond(201), withWrk.perSecond(201),
                result.percentileMillis(50), result.percentileMillis(99), result.describeStatuses(),
                used.describe(result.seconds(), cores)));
        awaitProjectionCaughtUp(Duration.ofMinutes(10));
        awaitSagasCaughtUp(Duration.ofMinutes(10));
    }

    /** Rules every B1r calendar has: open all day every day in Amsterdam, ten minutes after each, notice and horizon. */
    static final String OPEN_RULES = "{\"timeZone\":\"Europe/Amsterdam\",\"weekly\":{" + String.join(",",
            java.util.Arrays.stream(java.time.DayOfWeek.values())
                            .map(day -> "\"" + day + "\":[{\"start\":\"00:00\",\"end\":\"24:00\"}]").toList())
            + "},\"bufferAfter\":\"PT10M\",\"minimumNotice\":\"PT2H\",\"bookingHorizon\":\"P365D\"}";

    /**
     * B1r: B1's load on 10,000 calendars with availability rules (every booking resolves its windows, notice,
     * horizon and buffers), then B1's once more without rules right after it: the cost of the rules is B1r against
     * that run beside it, warmed up alike (B1 itself runs first after a short warm-up and is often slower).
     */
    void withAvailabilityRules(Load.Result b1) throws Exception {
        NonConflictingBookings bookings = NonConflictingBookings.hourly(service.base(), service.token());
        Load.Result set = Load.run(http, CLIENTS, Duration.ofMinutes(10), 10_000, i -> java.net.http.HttpRequest
                .newBuilder(service.base().resolve("/users/b1r-u" + i + "/availability"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + service.token())
                .timeout(Duration.ofSeconds(30)).PUT(java.net.http.HttpRequest.BodyPublishers.ofString(OPEN_RULES)).build());
        if (set.count(200) != 10_000) {
            throw new IllegalStateException("setting B1r's rules gave " + set.describeStatuses());
        }
        awaitProjectionCaughtUp(Duration.ofMinutes(10));
        Load.Result withRules = bookingLoad("B1r", bookings, "b1r-u", 10_000, mode.b1());
        awaitProjectionCaughtUp(Duration.ofMinutes(10));
        Load.Result again = bookingLoad("B1 again", bookings, "b1b-u", 10_000, mode.b1());
        awaitProjectionCaughtUp(Duration.ofMinutes(10));
        awaitSagasCaughtUp(Duration.ofMinutes(10));

        double ratio = withRules.perSecond(201) / again.perSecond(201);
        figures.add("B1r", "B1 on 10,000 calendars with availability rules, beside B1 without",
                String.format("%.0f/s, p99 %.1f ms; without, right after: %.0f/s, p99 %.1f ms (B1 before: %.0f/s)",
                        withRules.perSecond(201), withRules.percentileMillis(99), again.perSecond(201),
                        again.percentileMillis(99), b1.perSecond(201)),
                "the rules cost at most 10 % of B1", String.format("B1r / B1 right after: %.2f", ratio),
                ratio >= 0.90 && withRules.serverErrors() == 0);
        figures.note(String.format("B1r: 10,000 rules set in %.1f s; B1r %s; B1 again %s", set.seconds(),
                withRules.describeStatuses(), again.describeStatuses()));
    }
}
