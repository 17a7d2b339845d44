package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AppointmentCancelled(UserId userId, AppointmentId appointmentId, TimeSlot slot,
                                   String reason) implements CalendarEvent {
}
