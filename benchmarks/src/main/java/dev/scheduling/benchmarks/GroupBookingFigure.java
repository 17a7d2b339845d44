package dev.scheduling.benchmarks;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * B12: appointments of several calendars through HTTP ({@code POST /appointments}, a practitioner, a room and a
 * patient each), 16 connections, each request answered once the booking is decided on all three calendars (holds
 * placed one calendar at a time, confirmed on all). B12 without conflicts (every request its own three calendars and
 * slot); B12c with every second request asking for the same practitioner, room and slot as the one before it (with
 * a patient of its own): one of each pair is refused, after holding what it could and releasing it.
 */
final class GroupBookingFigure extends Phase {

    private static final int PRACTITIONERS = 1_000;

    GroupBookingFigure(Context context) {
        super(context);
    }

    void groupBookings(Load.Result b1) throws Exception {
        Duration duration = mode.b1();
        Load.Result free = Load.run(http, CLIENTS, duration, Long.MAX_VALUE, i -> book("b12", i));
        awaitProjectionCaughtUp(Duration.ofMinutes(10));
        Load.Result contended = Load.run(http, CLIENTS, duration, Long.MAX_VALUE, i -> book("b12c", i - i % 2));
        awaitProjectionCaughtUp(Duration.ofMinutes(10));
        if (free.serverErrors() > 0 || contended.serverErrors() > 0 || free.count(201) == 0) {
            throw new IllegalStateException("B12 answered " + free.describeStatuses() + "; B12c " + contended.describeStatuses());
        }
        String beside = b1 == null ? "B1 not run" : String.format("B1 in this run: %,.0f bookings/s", b1.perSecond(201));
        figures.add("B12", "appointments of 3 calendars through HTTP, 16 connections, no conflicts",
                String.format("%,.0f/s (%,.0f calendar bookings/s), p50 %.1f ms, p99 %.1f ms (%s)", free.perSecond(201),
                        3 * free.perSecond(201), free.percentileMillis(50), free.percentileMillis(99),
                        free.describeStatuses()),
                "measured (no target set)", beside, null);
        figures.add("B12c", "the same, every second request conflicting with the one before it",
                String.format("%,.0f requests/s (%,.0f x 201/s, %,.0f x 409/s), p50 %.1f ms, p99 %.1f ms (%s)",
                        contended.requests() / contended.seconds(), contended.perSecond(201), contended.perSecond(409),
                        contended.percentileMillis(50), contended.percentileMillis(99), contended.describeStatuses()),
                "measured (no target set)", String.format("B12c/B12 requests/s: %.2f",
                        contended.requests() / contended.seconds() / (free.requests() / free.seconds())), null);
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
