package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AppointmentBooked(UserId userId, AppointmentId appointmentId, TimeSlot slot,
                                AppointmentDetails details) implements CalendarEvent {
}
