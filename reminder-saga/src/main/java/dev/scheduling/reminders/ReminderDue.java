package dev.scheduling.reminders;

import java.time.Duration;
import java.time.Instant;

/** The payload of a reminder's deadline. {@code attempt} counts the publishes tried before this one. */
public record ReminderDue(String reminderId, Duration offset, Instant dueAt, int attempt) {

    ReminderDue nextAttempt() {
        return new ReminderDue(reminderId, offset, dueAt, attempt + 1);
    }
}
