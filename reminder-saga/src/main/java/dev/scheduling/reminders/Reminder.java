package dev.scheduling.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A reminder to publish: which appointment, which offset, and what to tell the person. */
public record Reminder(String reminderId, String userId, String appointmentId, Duration offset, Instant dueAt,
                       Instant start, Instant end, String title, String location, ZoneId timeZone) {
}
