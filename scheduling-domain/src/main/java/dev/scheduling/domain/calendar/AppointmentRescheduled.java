package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

/**
 * The appointment moved from {@code previousSlot} to {@code newSlot}. It also carries the appointment's details
 * (which never change), so that a consumer that starts from a reschedule, such as the reminder saga, needs no lookup.
 */
@Revision("1")
public record AppointmentRescheduled(UserId userId, AppointmentId appointmentId, TimeSlot previousSlot,
                                     TimeSlot newSlot, AppointmentDetails details) implements CalendarEvent {
}
