package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

import java.time.Duration;
import java.time.Instant;

@Revision("1")
public record ReminderSent(UserId userId, AppointmentId appointmentId, String reminderId, Duration offset,
                           Instant dueAt) implements CalendarEvent {
}
