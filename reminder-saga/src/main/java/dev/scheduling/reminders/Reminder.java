package dev.scheduling.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A reminder to publish: which appointment, which offset, and what to tell the person. */
public record Reminder(String reminderId, String userId, String appointmentId, Duration offset, Instant dueAt,
                       Instant start, Instant end, String title, String location, ZoneId timeZone) {

    /** Ids and times only: this text may reach logs, which an erasure cannot reach. */
    @Override
    public String toString() {
        return "Reminder[reminderId=" + reminderId + ", userId=" + userId + ", appointmentId=" + appointmentId
                + ", offset=" + offset + ", dueAt=" + dueAt + ", start=" + start + "]";
    }
}
