package dev.scheduling.benchmarks;


/**
 * B3: 16 connections booking on one calendar, whose commands run one after another.
 */
final class HotCalendarFigure extends Phase {

    HotCalendarFigure(Context context) {
        super(context);
    }

    void hotCalendar(double baselineInserts, Load.Result b1) {
        NonConflictingBookings bookings = NonConflictingBookings.hourly(service.base(), service.token());
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
}
