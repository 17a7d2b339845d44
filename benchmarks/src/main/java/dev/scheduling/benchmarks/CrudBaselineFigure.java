package dev.scheduling.benchmarks;

import java.util.List;

/**
 * B10: B1's load on the CRUD alternative (Spring MVC + JDBC + an exclusion constraint), in the same run.
 */
final class CrudBaselineFigure extends Phase {

    CrudBaselineFigure(Context context) {
        super(context);
    }

    /** B10: the same load as B1 on the CRUD alternative; B1/B10 says what the event-sourced core costs. */
    void crudBaseline(List<String> jvmOptions, Load.Result b1) throws Exception {
        try (CrudBaseline crud = CrudBaseline.start(postgres, jvmOptions, runDir)) {
            NonConflictingBookings bookings = NonConflictingBookings.hourly(crud.base(), "unused");
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
}
