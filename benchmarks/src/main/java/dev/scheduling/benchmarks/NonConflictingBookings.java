package dev.scheduling.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Booking requests that never conflict: slot {@code k} of a user starts {@code k} steps after the base time, and a
 * slot is shorter than a step. Each benchmark books on users of its own prefix, so figures do not share calendars.
 */
final class NonConflictingBookings {

    private final URI base;
    private final String token;
    private final Instant firstSlot;
    private final Duration step;
    private final Duration length;

    NonConflictingBookings(URI base, String token, Instant firstSlot, Duration step, Duration length) {
        this.base = base;
        this.token = token;
        this.firstSlot = firstSlot;
        this.step = step;
        this.length = length;
    }

    /** Hour-long steps with 30-minute appointments from two days ahead: both reminders are scheduled. */
    static NonConflictingBookings hourly(URI base, String token) {
        return new NonConflictingBookings(base, token, Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS),
                Duration.ofHours(1), Duration.ofMinutes(30));
    }

    URI base() {
        return base;
    }

    String token() {
        return token;
    }

    /** Request i books slot i / users of user prefix + (i % users), as {@code wrk/bookings.lua} does with these. */
    HttpRequest book(String prefix, int users, long i) {
        return book(prefix + i % users, i / users);
    }

    /** The arguments of {@code wrk/bookings.lua} that make it send {@link #book(String, int, long)}'s requests. */
    List<String> wrkArguments(String prefix, int users, int threads) {
        return List.of(prefix, Integer.toString(users), Long.toString(firstSlot.getEpochSecond()),
                Long.toString(step.toSeconds()), Long.toString(length.toSeconds()), Integer.toString(threads));
    }

    HttpRequest book(String user, long slot) {
        Instant start = firstSlot.plus(step.multipliedBy(slot));
        return book(user, start, start.plus(length));
    }

    HttpRequest book(String user, Instant start, Instant end) {
        String body = "{\"start\":\"" + start + "\",\"end\":\"" + end + "\",\"title\":\"Benchmark visit\","
                + "\"location\":\"Room 4\",\"timeZone\":\"Europe/Amsterdam\"}";
        return HttpRequest.newBuilder(base.resolve("/users/" + user + "/appointments"))
                          .header("Content-Type", "application/json")
                          .header("Authorization", "Bearer " + token)
                          .timeout(Duration.ofSeconds(30))
                          .POST(HttpRequest.BodyPublishers.ofString(body))
                          .build();
    }
}
