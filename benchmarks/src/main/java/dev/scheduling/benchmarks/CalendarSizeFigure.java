package dev.scheduling.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * B4: booking latency with one client on calendars holding 0 to 100,000 appointments, snapshots on.
 */
final class CalendarSizeFigure extends Phase {

    CalendarSizeFigure(Context context) {
        super(context);
    }

    void calendarSize() {
        Instant firstSlot = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        // 5-minute appointments every 10 minutes: 100,000 fit in under two years
        Map<Integer, Load.Result> latencies = new HashMap<>();
        for (int size : mode.b4Sizes()) {
            String user = "b4-size-" + size;
            NonConflictingBookings bookings = new NonConflictingBookings(service.base(), service.token(), firstSlot, Duration.ofMinutes(10), Duration.ofMinutes(5));
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
        return String.join(" / ", mode.b4Sizes().stream().map(CalendarSizeFigure::sizeText).toList()) + " appointments";
    }

    private static String sizeText(int size) {
        return size >= 1000 ? size / 1000 + "k" : Integer.toString(size);
    }
}
