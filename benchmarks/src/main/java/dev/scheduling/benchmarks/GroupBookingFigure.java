package dev.scheduling.benchmarks;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * B12: visits of several calendars through HTTP ({@code POST /appointments}, a practitioner, a room and a patient each),
 * 16 connections, each request answered once the visit is decided on all three calendars in one transaction. B12
 * without conflicts (every request its own three calendars and slot), after a warm-up of the visits' own path, and B1's
 * single bookings right after it from the same Java clients (wrk drives B1 itself): B12's calendar bookings per second
 * and p50 against those. B12c with every second request asking for the same practitioner, room and slot as the one
 * before it (with a patient of its own): one of each pair is refused, and nothing of it is written.
 */
final class GroupBookingFigure extends Phase {

    private static final int PRACTITIONERS = 1_000;

    GroupBookingFigure(Context context) {
        super(context);
    }

    void groupBookings(Load.Result b1) throws Exception {
        Duration duration = mode.b1();
        Load.Result warmUp = Load.run(http, CLIENTS, mode.warmUp(), Long.MAX_VALUE, i -> book("b12w", i));
        awaitProjectionCaughtUp(Duration.ofMinutes(10));
        Load.Result free = Load.run(http, CLIENTS, duration, Long.MAX_VALUE, i -> book("b12", i));
        awaitProjectionCaughtUp(Duration.ofMinutes(10));
        NonConflictingBookings singles = NonConflictingBookings.hourly(service.base(), service.token());
        Load.Result beside = Load.run(http, CLIENTS, duration, Long.MAX_VALUE, i -> singles.book("b12s-u", 10_000, i));
        awaitProjectionCaughtUp(Duration.ofMinutes(10));
        Load.Result contended = Load.run(http, CLIENTS, duration, Long.MAX_VALUE, i -> book("b12c", i - i % 2));
        awaitProjectionCaughtUp(Duration.ofMinutes(10));
        if (free.serverErrors() > 0 || contended.serverErrors() > 0 || beside.serverErrors() > 0 || free.count(201) == 0) {
            throw new IllegalStateException("B12 answered " + free.describeStatuses() + "; B12c "
                    + contended.describeStatuses() + "; B1 beside it " + beside.describeStatuses());
        }
        double bookings = 3 * free.perSecond(201) / beside.perSecond(201);
        double latency = free.percentileMillis(50) / beside.percentileMillis(50);
        figures.add("B12", "visits of 3 calendars through HTTP, 16 connections, no conflicts, beside B1's single "
                        + "bookings from the same clients right after",
                String.format("%,.0f/s (%,.0f calendar bookings/s), p50 %.1f ms, p99 %.1f ms (%s); B1 beside: %,.0f/s, "
                                + "p50 %.1f ms, p99 %.1f ms", free.perSecond(201), 3 * free.perSecond(201),
                        free.percentileMillis(50), free.percentileMillis(99), free.describeStatuses(),
                        beside.perSecond(201), beside.percentileMillis(50), beside.percentileMillis(99)),
                "calendar bookings/s at least 0.7 of B1's, p50 at most 2 x B1's",
                String.format("calendar bookings/s / B1's: %.2f; p50 / B1's: %.2f", bookings, latency),
                bookings >= 0.7 && latency <= 2.0);
        figures.add("B12c", "the same, every second request conflicting with the one before it",
                String.format("%,.0f requests/s (%,.0f x 201/s, %,.0f x 409/s), p50 %.1f ms, p99 %.1f ms (%s)",
                        contended.requests() / contended.seconds(), contended.perSecond(201), contended.perSecond(409),
                        contended.percentileMillis(50), contended.percentileMillis(99), contended.describeStatuses()),
                "measured (no target set)", String.format("B12c/B12 requests/s: %.2f",
                        contended.requests() / contended.seconds() / (free.requests() / free.seconds())), null);
        figures.note(String.format("B12: warmed up by %s visits in %.0f s first; %s", warmUp.describeStatuses(),
                warmUp.seconds(), b1 == null ? "B1 not run" : String.format("B1 (wrk) in this run: %,.0f bookings/s, "
                        + "p50 %.1f ms", b1.perSecond(201), b1.percentileMillis(50))));
    }

    /**
     * Request {@code i}: practitioner and room {@code i % 1,000}, an hour of their own ({@code i / 1,000} hours after
     * the start), and a patient of its own. Two requests of the same {@code i} (B12c) clash on the practitioner.
     */
    private HttpRequest book(String prefix, long i) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(2)).plus(Duration.ofHours(i / PRACTITIONERS));
        String body = "{\"participants\":[{\"calendarId\":\"" + prefix + "-dr-" + i % PRACTITIONERS + "\",\"role\":\"practitioner\"},"
                + "{\"calendarId\":\"" + prefix + "-room-" + i % PRACTITIONERS + "\",\"role\":\"location\"},"
                + "{\"calendarId\":\"" + prefix + "-pt-" + UUID.randomUUID().toString().substring(0, 13) + "\",\"role\":\"patient\"}],"
                + "\"start\":\"" + start + "\",\"end\":\"" + start.plus(Duration.ofMinutes(30)) + "\",\"title\":\"Visit\"}";
        return HttpRequest.newBuilder(service.base().resolve("/appointments"))
                          .header("Content-Type", "application/json")
                          .header("Authorization", "Bearer " + service.token())
                          .timeout(Duration.ofSeconds(30))
                          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
