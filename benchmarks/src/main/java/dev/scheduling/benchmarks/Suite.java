package dev.scheduling.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The benchmark suite: starts PostgreSQL, DynamoDB Local and the packaged service, runs B1-B12 with
 * warm-up, measures each baseline in the same run, and prints one table (also written to {@code results.md} in
 * the run directory). Arguments: {@code quick} (default) or {@code full}, and {@code --profile} to record each
 * load phase with JFR and print where the service's time went.
 */
public final class Suite {

    /** The service's default scheduling.max-future-appointments, and what the suite lifts it to for B4. */
    private static final int DEFAULT_MAX_FUTURE_APPOINTMENTS = 10_000;
    private static final int MAX_FUTURE_APPOINTMENTS = 1_000_000;
    private static final String LARGE_CALENDAR_HEAP = "-Xmx1g";

    private final Mode mode;
    private final Path runDir;
    private final Figures figures = new Figures();
    private final Profiler profiler;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                              .connectTimeout(Duration.ofSeconds(5)).build();
    private final int cores = Runtime.getRuntime().availableProcessors();

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
        Optional<Wrk> wrk = Wrk.find(runDir);
        String serviceJavaHome = System.getProperty("bench.serviceJavaHome", "");
        String machine = machineLine() + "; service on " + (serviceJavaHome.isBlank() ? "the same JDK" : serviceJavaHome)
                + " with " + System.getProperty("bench.serviceJvmOptions", "").replace(Path.of("").toAbsolutePath() + "/", "")
                + "; load generator of B1, B3 and B10: " + (wrk.isPresent() ? "wrk" : "the harness's Java clients (wrk not found)");
        System.out.println(machine);
        long started = System.nanoTime();

        if (selected("B5")) {
            OverlapCheckFigure.run(mode, figures);
        }

        try (BenchPostgres pg = BenchPostgres.start(runDir); BenchDynamoDb dynamoDb = BenchDynamoDb.start()) {
            List<String> jvmOptions = List.of(System.getProperty("bench.serviceJvmOptions", "").split("\\s+")).stream()
                                          .filter(option -> !option.isBlank()).toList();
            List<String> settings = List.of(
                    "spring.datasource.url=" + pg.jdbcUrl(),
                    "spring.datasource.username=postgres",
                    "scheduling.read-model.dynamodb-endpoint=" + dynamoDb.endpoint(),
                    "scheduling.read-model.table-name=appointments-bench",
                    "scheduling.read-model.calendars-table-name=calendars-bench",
                    "scheduling.aws.access-key-id=local",
                    "scheduling.aws.secret-access-key=local",
                    // capacity is measured here, not abuse: one caller books for thousands of calendars, and B4 grows
                    // one calendar to 100,000 appointments (the limiter itself still runs on every request)
                    "scheduling.security.rate-limits.staff-commands-per-minute=100000000",
                    "scheduling.security.rate-limits.staff-reads-per-minute=100000000",
                    "scheduling.max-future-appointments=" + MAX_FUTURE_APPOINTMENTS);
            var context = new Phase.Context(mode, runDir, figures, profiler, http, cores, pg,
                    ServiceProcess.start(jar, jvmOptions, settings, runDir), wrk);
            try {
                var bookings = new BookingThroughputFigure(context);
                bookings.warmUp();
                double baselineInserts = new InsertBaselineFigure(context).insertBaseline();
                Load.Result b1 = selected("B1") ? bookings.bookingThroughput(baselineInserts) : null;
                if (b1 != null) {
                    new OpenLoopFigure(context).openLoop(b1, bookings.fromJavaClients());
                    bookings.withAvailabilityRules(b1);
                }
                if (selected("B11")) {
                    new SlotSearchFigure(context).slotSearch();
                }
                if (selected("B12")) {
                    new GroupBookingFigure(context).groupBookings(b1);
                }
                if (selected("B10")) {
                    new CrudBaselineFigure(context).crudBaseline(jvmOptions, b1);
                }
                if (selected("B3")) {
                    new HotCalendarFigure(context).hotCalendar(baselineInserts, b1);
                }
                if (selected("B8")) {
                    new ReminderDelayFigure(context).reminderDelay();
                }
                if (selected("B4")) {
                    int largest = mode.b4Sizes().get(mode.b4Sizes().size() - 1);
                    if (largest > DEFAULT_MAX_FUTURE_APPOINTMENTS) {
                        // jvm.options sizes the heap for the default limit of 10,000 appointments per calendar (a
                        // 224 MiB heap ran out at 36,000): B4 and B6 run on the same data with room for 100,000
                        context.service().close();
                        context = context.withService(ServiceProcess.start(jar, concat(jvmOptions, LARGE_CALENDAR_HEAP),
                                settings, runDir, "service-b4.log"));
                        figures.note("B4 and B6: the service restarted with " + LARGE_CALENDAR_HEAP + " (B4's calendar of "
                                + String.format("%,d", largest) + " appointments is 10 times the default limit)");
                    }
                    new CalendarSizeFigure(context).calendarSize();
                }
                if (selected("B6")) {
                    new ReplayFigure(context).replay(dynamoDb);
                }
                ProcStats.Memory memory = context.service().memory();
                figures.note(String.format("service memory at the end: %d MiB resident, %d MiB peak over the whole run",
                        memory.rssKib() / 1024, memory.peakKib() / 1024));
            } finally {
                context.service().close();
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

    private static List<String> concat(List<String> options, String option) {
        List<String> all = new ArrayList<>(options);
        all.add(option);
        return all;
    }

}
