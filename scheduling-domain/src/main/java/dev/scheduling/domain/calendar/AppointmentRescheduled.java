package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AppointmentRescheduled(UserId userId, AppointmentId appointmentId, TimeSlot previousSlot,
                                     TimeSlot newSlot) implements CalendarEvent {
}
