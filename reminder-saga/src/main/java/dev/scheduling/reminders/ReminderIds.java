package dev.scheduling.reminders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Reminder ids are the same for the same appointment, offset and start, however often the reminder is scheduled,
 * retried or delivered, so that consumers can drop duplicates; each person taking part in a visit of several calendars
 * is reminded on their own calendar under an id of their own (derived from that calendar too), so dropping duplicates
 * never drops another person's reminder. A reschedule gives new ids. The ids of an appointment of one calendar are
 * those earlier versions gave it.
 */
final class ReminderIds {

    private ReminderIds() {
    }

    /** The id of a reminder of an appointment of one calendar. */
    static String of(String appointmentId, Duration offset, Instant start) {
        return uuid("reminder\n" + appointmentId + "\n" + offset + "\n" + start);
    }

    /** The id of the reminder to the person of {@code calendarId} of a visit of several calendars. */
    static String ofVisit(String calendarId, String appointmentId, Duration offset, Instant start) {
        return uuid("visit reminder\n" + calendarId + "\n" + appointmentId + "\n" + offset + "\n" + start);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
