package dev.scheduling.reminders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Reminder ids are the same for the same appointment, offset and start, however often the reminder is scheduled,
 * retried or delivered, so that consumers can drop duplicates. A reschedule gives new ids.
 */
final class ReminderIds {

    private ReminderIds() {
    }

    static String of(String appointmentId, Duration offset, Instant start) {
        byte[] name = ("reminder\n" + appointmentId + "\n" + offset + "\n" + start).getBytes(StandardCharsets.UTF_8);
        return UUID.nameUUIDFromBytes(name).toString();
    }
}
