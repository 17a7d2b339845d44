package dev.scheduling.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.domain.calendar.OverlapCheckBenchmark;
import dev.scheduling.projections.dynamodb.TableDefinitions;
import dev.scheduling.projections.dynamodb.Tables;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark suite: starts PostgreSQL, DynamoDB Local and the packaged service, runs B1-B10 with
 * warm-up, measures each baseline in the same run, and prints one table (also written to {@code results.md} in
 * the run directory). Arguments: {@code quick} (default) or {@code full}, and {@code --profile} to record each
 * load phase with JFR and print where the service's time went.
 */
public final class Suite {

    private static final int CLIENTS = 16;
    /** The service's default scheduling.max-future-appointments, and what the suite lifts it to for B4. */
    private static final int DEFAULT_MAX_FUTURE_APPOINTMENTS = 10_000;
    private static final int MAX_FUTURE_APPOINTMENTS = 1_000_000;
    private static final String LARGE_CALENDAR_HEAP = "-Xmx1g";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mode mode;
    private final Path runDir;
    private final Figures figures = new Figures();
    private final Profiler profiler;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                              .connectTimeout(Duration.ofSeconds(5)).build();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private BenchPostgres postgres;
    private ServiceProcess service;
    private long peakRssDuringB1Kib;
    /** B1 from the harness's Java clients, where it ran (full mode with wrk): the peak B7o's own client can reach. */
    private Load.Result b1FromJavaClients;
    private Optional<Wrk> wrk = Optional.empty();

    /** How long and how big each benchmark runs: quick checks the harness, full gives the figures. */
    record Mode(String name, Duration warmUp, Duration b1, Duration b2, Duration b3, List<Integer> b4Sizes,
                int b4Samples, long b6Events, int b8Reminders, Duration b8Window, Duration b8Lead,
                int jmhForks, int jmhIterations, Duration jmhIterationTime) {

        static Mode named(String name) {
            return switch (name) {
                case "quick" -> new Mode("quick", Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(8),
                        Duration.ofSeconds(10), List.of(0, 1_000, 5_000), 100, 20_000, 200, Duration.ofSeconds(20),
                        Duration.ofSeconds(15), 1, 3, Duration.ofSeconds(1));
                case "full" -> new Mode("full", Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofSeconds(20),
                        Duration.ofSeconds(30), List.of(0, 1_000, 10_000, 100_000), 300, 200_000, 1_000,
                        Duration.ofMinutes(1), Duration.ofSeconds(30), 2, 5, Duration.ofSeconds(2));
                default -> throw new IllegalArgumentException("mode is quick or full, not " + name);
            };
        }
    }

    private final Set<String> only;

    private Suite(Mode mode, Path runDir, boolean profile, Set<String> only) {
        this.mode = mode;
        this.only = only;
        this.runDir = runDir;
        this.profiler = new Profiler(profile, runDir);
    }

    public static void main(String[] args) throws Exception {
        String modeName = "quick";
        boolean profile = false;
        Set<String> only = Set.of();
        for (String arg : args) {
            if (arg.equals("--profile")) {
                profile = true;
            } else if (arg.startsWith("--only=")) {
                only = Set.of(arg.substring("--only=".length()).toUpperCase(Locale.ROOT).split(","));
            } else {
                modeName = arg;
            }
        }
        Path runDir = Path.of(System.getProperty("bench.runDir", "benchmarks/target/run")).toAbsolutePath();
        Path jar = Path.of(System.getProperty("bench.serviceJar")).toAbsolutePath();
        if (!ServiceProcess.exists(jar)) {
            throw new IllegalStateException("no service jar at " + jar + ": build it first (benchmarks/run does)");
        }
        Files.createDirectories(runDir);
        // DynamoDB Local leaves a non-daemon thread (its shard roll-over job) that would keep the harness alive
        try {
            new Suite(Mode.named(modeName), runDir, profile, only).run(jar);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run(Path jar) throws Exception {
        wrk = Wrk.find(runDir);
        String serviceJavaHome = System.getProperty("bench.serviceJavaHome", "");
        String machine = machineLine() + "; service on " + (serviceJavaHome.isBlank() ? "the same JDK" : serviceJavaHome)
                + " with " + System.getProperty("bench.serviceJvmOptions", "").replace(Path.of("").toAbsolutePath() + "/", "")
                + "; load generator of B1, B3 and B10: " + (wrk.isPresent() ? "wrk" : "the harness's Java clients (wrk not found)");
        System.out.println(machine);
        long started = System.nanoTime();

        if (selected("B5")) {
            overlapCheck();
        }

        try (BenchPostgres pg = BenchPostgres.start(runDir); BenchDynamoDb dynamoDb = BenchDynamoDb.start()) {
            postgres = pg;
            List<String> jvmOptions = List.of(System.getProperty("bench.serviceJvmOptions", "").split("\\s+")).stream()
                                          .filter(option -> !option.isBlank()).toList();
            List<String> settings = List.of(
                    "spring.datasource.url=" + pg.jdbcUrl(),
                    "spring.datasource.username=postgres",
                    "scheduling.read-model.dynamodb-endpoint=" + dynamoDb.endpoint(),
                    "scheduling.read-model.table-name=appointments-bench",
                    "scheduling.aws.access-key-id=local",
                    "scheduling.aws.secret-access-key=local",
                    // capacity is measured here, not abuse: one caller books for thousands of calendars, and B4 grows
                    // one calendar to 100,000 appointments (the limiter itself still runs on every request)
                    "scheduling.security.rate-limits.staff-commands-per-minute=100000000",
                    "scheduling.security.rate-limits.staff-reads-per-minute=100000000",
                    "scheduling.max-future-appointments=" + MAX_FUTURE_APPOINTMENTS);
            service = ServiceProcess.start(jar, jvmOptions, settings, runDir);
            try {
                warmUp();
                double baselineInserts = insertBaseline();
                Load.Result b1 = selected("B1") ? bookingThroughput(baselineInserts) : null;
                if (b1 != null) {
                    openLoop(b1);
                }
                if (selected("B10")) {
                    crudBaseline(jvmOptions, b1);
                }
                if (selected("B3")) {
                    hotCalendar(baselineInserts, b1);
                }
                if (selected("B8")) {
                    reminderDelay();
                }
                if (selected("B4")) {
                    int largest = mode.b4Sizes().get(mode.b4Sizes().size() - 1);
                    if (largest > DEFAULT_MAX_FUTURE_APPOINTMENTS) {
                        // jvm.options sizes the heap for the default limit of 10,000 appointments per calendar (a
                        // 224 MiB heap ran out at 36,000): B4 and B6 run on the same data with room for 100,000
                        service.close();
                        service = ServiceProcess.start(jar, concat(jvmOptions, LARGE_CALENDAR_HEAP), settings, runDir,
                                "service-b4.log");
                        figures.note("B4 and B6: the service restarted with " + LARGE_CALENDAR_HEAP + " (B4's calendar of "
                                + String.format("%,d", largest) + " appointments is 10 times the default limit)");
                    }
                    calendarSize();
                }
                if (selected("B6")) {
                    replay(dynamoDb);
                }
                ProcStats.Memory memory = service.memory();
                figures.note(String.format("service memory at the end: %d MiB resident, %d MiB peak over the whole run",
                        memory.rssKib() / 1024, memory.peakKib() / 1024));
            } finally {
                service.close();
            }
        }
        String table = figures.markdown(machine + String.format("; mode %s, %.1f min", mode.name(),
                (System.nanoTime() - started) / 60e9));
        Files.writeString(runDir.resolve("results.md"), table);
        System.out.println();
        System.out.println(table);
        System.out.println("(also in " + runDir.resolve("results.md") + ")");
    }

    /** Whether a figure runs: all of them, unless --only=B1,B3 names some (B7, B7o and B9 come with B1). */
    private boolean selected(String id) {
        return only.isEmpty() || only.contains(id);
    }

    private String machineLine() {
        return String.format("machine: %d cores, %.1f GiB, %s; JDK %s (%s); %s; commit %s; %s", cores,
                ProcStats.memTotalKib() / 1024.0 / 1024.0, System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vm.vendor"), cpuModel(),
                System.getProperty("bench.commit", "unknown"), LocalDate.now());
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("cpu unknown");
        } catch (IOException e) {
            return "cpu unknown";
        }
    }

    // ---- B5 -------------------------------------------------------------------------------------------------

    private void overlapCheck() throws Exception {
        Options options = new OptionsBuilder().include(OverlapCheckBenchmark.class.getName())
                                              .forks(mode.jmhForks())
                                              .warmupIterations(mode.jmhIterations())
                                              .warmupTime(TimeValue.milliseconds(mode.jmhIterationTime().toMillis()))
                                              .measurementIterations(mode.jmhIterations())
                                              .measurementTime(TimeValue.milliseconds(mode.jmhIterationTime().toMillis()))
                                              .shouldFailOnError(true)
                                              .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> nanos = new HashMap<>();
        Map<String, Double> errors = new HashMap<>();
        for (RunResult result : results) {
            String size = result.getParams().getParam("activeAppointments");
            nanos.put(size, result.getPrimaryResult().getScore());
            errors.put(size, result.getPrimaryResult().getScoreError());
        }
        double at100k = nanos.get("100000");
        figures.add("B5", "overlap check, JMH (10 / 1k / 100k active appointments)",
                String.format("%.0f / %.0f / %.0f ns (± %.0f at 100k)", nanos.get("10"), nanos.get("1000"), at100k,
                        errors.get("100000")),
                "at most 2 µs at 100k", String.format("100k/10: %.2f", at100k / nanos.get("10")), at100k <= 2_000);
    }

    // ---- warm-up, B2 ----------------------------------------------------------------------------------------

    /** Warms the service up with B1's load on calendars of its own, as many as B1's, so that its cache is full. */
    private void warmUp() {
        Bookings bookings = Bookings.hourly(service.base(), service.token());
        Load.Result result = bookingLoad("warm-up", bookings, "warm-", 10_000, mode.warmUp());
        System.out.printf("warm-up: %d bookings in %.1f s (%s)%n", result.requests(), result.seconds(),
                result.describeStatuses());
        awaitProjectionCaughtUp(Duration.ofMinutes(2));
    }

    /** B2: single-row insert transactions per second into the same PostgreSQL over JDBC, 16 connections. */
    private double insertBaseline() throws Exception {
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

    // ---- B10 ----------------------------------------------------------------------------------------------------

    /** B10: the same load as B1 on the CRUD alternative; B1/B10 says what the event-sourced core costs. */
    private void crudBaseline(List<String> jvmOptions, Load.Result b1) throws Exception {
        try (CrudBaseline crud = CrudBaseline.start(postgres, jvmOptions, runDir)) {
            Bookings bookings = Bookings.hourly(crud.base(), "unused");
            Load.Result warm = bookingLoad("B10-warm-up", bookings, "warm-", 10_000, mode.warmUp());
            System.out.printf("B10 warm-up: %d bookings in %.1f s (%s)%n", warm.requests(), warm.seconds(),
                    warm.describeStatuses());
            ProcStats.Cpu before = ProcStats.cpu(crud.pid(), postgres.postmasterPid());
            Load.Result result = bookingLoad("B10", bookings, "b10-u", 10_000, mode.b1());
            ProcStats.Cpu used = ProcStats.cpu(crud.pid(), postgres.postmasterPid()).minus(before);
            double perSecond = result.perSecond(201);
            figures.add("B10", "baseline: the CRUD alternative (Spring MVC + JDBC, exclusion constraint; no events, "
                            + "reminders, read model or authentication), B1's clients and requests",
                    String.format("%.0f/s; p50 %.1f ms, p99 %.1f ms", perSecond, result.percentileMillis(50),
                            result.percentileMillis(99)),
                    "(baseline)", b1 == null ? "-" : String.format("B1/B10: %.2f (goal at least 0.5)",
                            b1.perSecond(201) / perSecond), null);
            figures.note(String.format("B10: %d requests in %.1f s: %s; cpu (\"service\" = the CRUD process): %s",
                    result.requests(), result.seconds(), result.describeStatuses(), used.describe(result.seconds(), cores))
                    + result.describeClientCpu());
        }
    }

    // ---- B1, B7, B9 -----------------------------------------------------------------------------------------

    private Load.Result bookingThroughput(double baselineInserts) throws Exception {
        Bookings bookings = Bookings.hourly(service.base(), service.token());
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
        peakRssDuringB1Kib = Math.max(peakRss.get(), afterB1.rssKib());

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
    private void b1WithJavaClients(Bookings bookings, Load.Result withWrk) throws SQLException {
        ProcStats.Cpu before = cpu();
        Load.Result result = Load.run(http, CLIENTS, mode.b1(), Long.MAX_VALUE, i -> bookings.book("b1j-u", 10_000, i));
        ProcStats.Cpu used = cpu().minus(before);
        b1FromJavaClients = result;
        figures.note(String.format("B1 again from the harness's Java clients (16 threads, blocking java.net.http, in the "
                        + "JVM that also runs DynamoDB Local) instead of wrk, on other calendars: %.0f/s (wrk: %.0f/s); p50 "
                        + "%.1f ms, p99 %.1f ms; %s; cpu: %s", result.perSecond(201), withWrk.perSecond(201),
                result.percentileMillis(50), result.percentileMillis(99), result.describeStatuses(),
                used.describe(result.seconds(), cores)));
        awaitProjectionCaughtUp(Duration.ofMinutes(10));
        awaitSagasCaughtUp(Duration.ofMinutes(10));
    }

    // ---- B7o ------------------------------------------------------------------------------------------------

    /**
     * B7o: bookings arriving at a fixed rate, 80 % of what B1 measured, for as long as B1 ran: the latency users see
     * at a rate the service sustains (timed from when each request was due), and the projection's lag meanwhile.
     */
    private void openLoop(Load.Result b1) throws SQLException {
        // B7o's client is the harness's own (asynchronous java.net.http, in the JVM that also runs DynamoDB Local),
        // which takes more of the shared cores than wrk: 80 % of what B1 reached with wrk overloaded the service in
        // run F (latency p50 3.7 s). The rate is 80 % of B1 from the harness's Java clients where that ran.
        Load.Result peak = b1FromJavaClients != null ? b1FromJavaClients : b1;
        double rate = 0.8 * peak.perSecond(201);
        Bookings bookings = Bookings.hourly(service.base(), service.token());
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

    /**
     * Books on a calendar of its own, then reads the appointment until the read model has it: the time from the
     * 201 to the first 200 is what a user sees as the projection's lag. Polls every 5 ms, less often as the wait
     * grows; one probe at a time, at most 10 a second, so the probes themselves are a small part of the load.
     */
    private void probeProjectionLag(AtomicBoolean running, Histogram lag, String user) {
        Bookings bookings = Bookings.hourly(service.base(), service.token());
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

    // ---- B3 -------------------------------------------------------------------------------------------------

    private void hotCalendar(double baselineInserts, Load.Result b1) {
        Bookings bookings = Bookings.hourly(service.base(), service.token());
        ProcStats.Cpu before = cpu();
        profiler.start(service.pid(), "B3");
        Load.Result result = bookingLoad("B3", bookings, "b3-hot", 1, mode.b3());
        ProcStats.Cpu used = cpu().minus(before);
        String profile = profiler.stop(service.pid(), "B3");
        double perSecond = result.perSecond(201);
        figures.add("B3", "one hot calendar: 16 connections (" + result.client() + ") booking on one user",
                String.format("%.0f/s, %d x 5xx; p50 %.1f ms, p99 %.1f ms", perSecond, result.serverErrors(),
                        result.percentileMillis(50), result.percentileMillis(99)),
                "at least 500/s, no 5xx", String.format("B3/B2: %.2f", perSecond / baselineInserts)
                        + (b1 == null ? "" : String.format("; B3/B1: %.2f", perSecond / b1.perSecond(201))),
                perSecond >= 500 && result.serverErrors() == 0);
        figures.note(String.format("B3: %d requests in %.1f s: %s; cpu: %s", result.requests(), result.seconds(),
                result.describeStatuses(), used.describe(result.seconds(), cores)) + result.describeClientCpu());
        printProfile(profile);
    }

    // ---- B4 -------------------------------------------------------------------------------------------------

    private void calendarSize() {
        Instant firstSlot = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        // 5-minute appointments every 10 minutes: 100,000 fit in under two years
        Map<Integer, Load.Result> latencies = new HashMap<>();
        for (int size : mode.b4Sizes()) {
            String user = "b4-size-" + size;
            Bookings bookings = new Bookings(service.base(), service.token(), firstSlot, Duration.ofMinutes(10), Duration.ofMinutes(5));
            if (size > 0) {
                ProcStats.Cpu before = cpu();
                Load.Result seeded = Load.run(http, CLIENTS, Duration.ofHours(2), size, i -> bookings.book(user, i));
                if (seeded.count(201) != size) {
                    throw new IllegalStateException("seeding " + user + " gave " + seeded.describeStatuses());
                }
                figures.note(String.format("B4: seeded a calendar with %,d appointments at %.0f/s (%.1f s; cpu: %s)",
                        size, seeded.perSecond(201), seeded.seconds(), cpu().minus(before).describe(seeded.seconds(), cores)));
                // measure the calendar's size, not the seeding's backlog still being projected
                awaitProjectionCaughtUp(Duration.ofMinutes(10));
            }
            boolean largest = size == mode.b4Sizes().get(mode.b4Sizes().size() - 1);
            if (largest) {
                profiler.start(service.pid(), "B4");
            }
            Load.Result measured = Load.run(http, 1, Duration.ofMinutes(10), mode.b4Samples(),
                    i -> bookings.book(user, size + i));
            if (largest) {
                printProfile(profiler.stop(service.pid(), "B4"));
            }
            if (measured.count(201) != mode.b4Samples()) {
                throw new IllegalStateException("measuring " + user + " gave " + measured.describeStatuses());
            }
            latencies.put(size, measured);
        }
        int largest = mode.b4Sizes().get(mode.b4Sizes().size() - 1);
        StringBuilder figure = new StringBuilder("p50 ");
        for (int size : mode.b4Sizes()) {
            figure.append(figure.length() > 4 ? " / " : "").append(String.format("%.1f", latencies.get(size).percentileMillis(50)));
        }
        figure.append(" ms; p99 ");
        int mark = figure.length();
        for (int size : mode.b4Sizes()) {
            figure.append(figure.length() > mark ? " / " : "").append(String.format("%.1f", latencies.get(size).percentileMillis(99)));
        }
        figure.append(" ms");
        double ratio = latencies.get(largest).percentileMillis(50) / latencies.get(0).percentileMillis(50);
        figures.add("B4", "booking latency, one client, calendar holding " + sizesText(), figure.toString(),
                "100k/0 at most 1.3", String.format("%s/0 (p50): %.2f", sizeText(largest), ratio),
                largest == 100_000 ? ratio <= 1.3 : null);
    }

    private String sizesText() {
        return String.join(" / ", mode.b4Sizes().stream().map(Suite::sizeText).toList()) + " appointments";
    }

    private static String sizeText(int size) {
        return size >= 1000 ? size / 1000 + "k" : Integer.toString(size);
    }

    // ---- B8 -------------------------------------------------------------------------------------------------

    /**
     * Books {@code n} appointments (one per user) starting one hour plus {@code lead..lead+window} from now, so their
     * 1-hour reminders fall due within the window; the 24-hour ones are already past and skipped. The delay of a
     * reminder is its ReminderSent event's timestamp (recorded right after the publish) minus its due time.
     */
    private void reminderDelay() throws Exception {
        int n = mode.b8Reminders();
        Instant firstDue = Instant.now().plus(mode.b8Lead()).truncatedTo(ChronoUnit.SECONDS);
        long windowMillis = mode.b8Window().toMillis();
        Bookings bookings = Bookings.hourly(service.base(), service.token());
        ProcStats.Cpu before = cpu();
        long started = System.nanoTime();
        Load.Result booked = Load.run(http, CLIENTS, mode.b8Lead(), n, i -> {
            Instant due = firstDue.plusMillis(windowMillis * i / n);
            Instant start = due.plus(Duration.ofHours(1));
            return bookings.book("b8-u" + i, start, start.plus(Duration.ofMinutes(30)));
        });
        if (booked.count(201) != n) {
            throw new IllegalStateException("booking the reminders gave " + booked.describeStatuses());
        }
        Instant lastDue = firstDue.plusMillis(windowMillis);
        System.out.printf("B8: %d reminders due between %s and %s%n", n, firstDue, lastDue);
        long deadline = System.nanoTime() + Duration.between(Instant.now(), lastDue).plusSeconds(120).toNanos();
        List<Long> delays;
        do {
            ServiceProcess.sleep(1000);
            delays = reminderDelaysMillis();
        } while (delays.size() < n && System.nanoTime() < deadline);
        Histogram histogram = new Histogram(3_600_000L, 3);
        long early = 0;
        for (long delay : delays) {
            if (delay < 0) {
                early++;
            }
            histogram.recordValue(Math.max(0, delay));
        }
        double p50 = histogram.getValueAtPercentile(50) / 1000.0;
        double p99 = histogram.getValueAtPercentile(99) / 1000.0;
        double seconds = (System.nanoTime() - started) / 1e9;
        figures.note(String.format("B8: booked in %.1f s, all sent %.1f s after the first booking; cpu: %s",
                booked.seconds(), seconds, cpu().minus(before).describe(seconds, cores)));
        figures.add("B8", String.format("reminder delay, due to published, %,d reminders due within %d s, db deadlines", n,
                        mode.b8Window().toSeconds()),
                String.format("p50 %.2f s, p99 %.2f s, max %.2f s; %d of %d sent, %d early", p50, p99,
                        histogram.getMaxValue() / 1000.0, delays.size(), n, early),
                "p99 at most 2 s", "p99 / polling interval (1 s): " + String.format("%.2f", p99),
                p99 <= 2 && delays.size() == n && early == 0);
    }

    private List<Long> reminderDelaysMillis() throws SQLException, IOException {
        List<Long> delays = new ArrayList<>();
        try (Connection connection = postgres.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT payload, timestamp FROM domainevententry WHERE payloadtype = ? AND aggregateidentifier LIKE 'b8-u%'")) {
            query.setString(1, "dev.scheduling.domain.calendar.ReminderSent");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    JsonNode payload = JSON.readTree(rows.getBytes(1));
                    Instant due = Instant.parse(payload.get("dueAt").asText());
                    Instant sent = Instant.parse(rows.getString(2));
                    delays.add(Duration.between(due, sent).toMillis());
                }
            }
        }
        return delays;
    }

    // ---- B6 -------------------------------------------------------------------------------------------------

    private void replay(BenchDynamoDb dynamoDb) throws Exception {
        long events = countEvents();
        if (events < mode.b6Events()) {
            Bookings bookings = Bookings.hourly(service.base(), service.token());
            long missing = mode.b6Events() - events;
            Load.Result topUp = Load.run(http, CLIENTS, Duration.ofHours(2), missing,
                    i -> bookings.book("b6-u" + (i % 10_000), i / 10_000));
            System.out.printf("B6: topped the event store up with %d bookings in %.1f s (%s)%n", topUp.requests(),
                    topUp.seconds(), topUp.describeStatuses());
        }
        awaitProjectionCaughtUp(Duration.ofMinutes(10));
        events = countEvents();

        ProcStats.Cpu before = cpu();
        profiler.start(service.pid(), "B6");
        long started = System.nanoTime();
        HttpResponse<String> accepted = http.send(service.request("/admin/projections/appointments/replay")
                                                             .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("replay refused: " + accepted.statusCode() + " " + accepted.body());
        }
        ServiceProcess.sleep(200);
        awaitProjectionCaughtUp(Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - started) / 1e9;
        ProcStats.Cpu used = cpu().minus(before);
        printProfile(profiler.stop(service.pid(), "B6"));
        double replayRate = events / seconds;

        double baseline = batchWriteBaseline(dynamoDb, events);
        figures.add("B6", String.format("replay: events per second rebuilding the read model from %,d events", events),
                String.format("%.0f events/s (%.1f s)", replayRate, seconds),
                "at least 0.5 of the baseline", String.format("/ plain BatchWriteItem %.0f items/s: %.2f", baseline,
                        replayRate / baseline), replayRate / baseline >= 0.5 ? Boolean.TRUE : Boolean.FALSE);
        figures.note(String.format("B6 replay cpu: %s", used.describe(seconds, cores)));
    }

    /**
     * The baseline of B6: the same number of items, shaped like the read model's, written with BatchWriteItem (25
     * a request) by 4 threads (as many as the projection's) into a table of the same definition.
     */
    private double batchWriteBaseline(BenchDynamoDb dynamoDb, long items) throws Exception {
        try (DynamoDbClient client = dynamoDb.client()) {
            Tables.ensure(client, TableDefinitions.fromClasspath(TableDefinitions.CORE_TEMPLATE)
                                                  .table(TableDefinitions.APPOINTMENTS_TABLE, "bench-baseline"));
            int threads = 4;
            AtomicLong next = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long started = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long first;
                    while ((first = next.getAndAdd(25)) < items) {
                        List<WriteRequest> batch = new ArrayList<>();
                        for (long i = first; i < Math.min(items, first + 25); i++) {
                            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(i)).build()).build());
                        }
                        Map<String, List<WriteRequest>> pending = Map.of("bench-baseline", batch);
                        while (!pending.isEmpty()) {
                            BatchWriteItemResponse response = client.batchWriteItem(
                                    BatchWriteItemRequest.builder().requestItems(pending).build());
                            pending = response.unprocessedItems();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
            return items / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static Map<String, AttributeValue> item(long i) {
        Instant start = Instant.parse("2027-01-01T00:00:00Z").plus(Duration.ofHours(i));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("appointmentId", AttributeValue.fromS(UUID.randomUUID().toString()));
        item.put("userId", AttributeValue.fromS("b6-u" + (i % 10_000)));
        item.put("start", AttributeValue.fromS(start.toString()));
        item.put("end", AttributeValue.fromS(start.plus(Duration.ofMinutes(30)).toString()));
        item.put("status", AttributeValue.fromS("BOOKED"));
        item.put("title", AttributeValue.fromS("Benchmark visit"));
        item.put("location", AttributeValue.fromS("Room 4"));
        item.put("timeZone", AttributeValue.fromS("Europe/Amsterdam"));
        item.put("remindersSent", AttributeValue.fromL(List.of()));
        item.put("createdAt", AttributeValue.fromS(Instant.now().toString()));
        item.put("updatedAt", AttributeValue.fromS(Instant.now().toString()));
        item.put("version", AttributeValue.fromN("0"));
        return item;
    }

    private long countEvents() throws SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domainevententry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void awaitProjectionCaughtUp(Duration timeout) {
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
    private void awaitSagasCaughtUp(Duration timeout) throws SQLException {
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

    private static List<String> concat(List<String> options, String option) {
        List<String> all = new ArrayList<>(options);
        all.add(option);
        return all;
    }

    /** A closed-loop booking load on calendars prefix0, prefix1, ...: wrk where the machine has it, else Java clients. */
    private Load.Result bookingLoad(String phase, Bookings bookings, String prefix, int users, Duration duration) {
        return wrk.map(generator -> generator.run(phase, bookings, prefix, users, CLIENTS, duration))
                  .orElseGet(() -> Load.run(http, CLIENTS, duration, Long.MAX_VALUE, i -> bookings.book(prefix, users, i)));
    }

    private ProcStats.Cpu cpu() {
        return ProcStats.cpu(service.pid(), postgres.postmasterPid());
    }

    private static void printProfile(String profile) {
        if (!profile.isEmpty()) {
            System.out.println(profile);
        }
    }
}
