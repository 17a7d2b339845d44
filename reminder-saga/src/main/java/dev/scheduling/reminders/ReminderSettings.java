package dev.scheduling.reminders;

import java.time.Duration;
import java.util.List;

/**
 * When reminders go out and how failed ones are retried.
 *
 * @param offsets          how long before an appointment's start each reminder is due
 * @param firstRetryDelay  wait after a failed publish; doubled after each further failure
 * @param maxRetryDelay    the longest wait between two attempts
 */
public record ReminderSettings(List<Duration> offsets, Duration firstRetryDelay, Duration maxRetryDelay) {

    public ReminderSettings {
        offsets = List.copyOf(offsets);
        if (offsets.stream().anyMatch(o -> o.isNegative() || o.isZero())) {
            throw new IllegalArgumentException("reminder offsets must be positive: " + offsets);
        }
        if (offsets.stream().distinct().count() != offsets.size()) {
            throw new IllegalArgumentException("reminder offsets must differ: " + offsets);
        }
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed attempts. */
    Duration retryDelay(int attempt) {
        Duration delay = firstRetryDelay.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
