package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The appointment moved from {@code previousSlot} to {@code newSlot}. It also carries the appointment's details
 * (which never change), so that a consumer that starts from a reschedule, such as the reminder saga, needs no lookup.
 *
 * @param overriddenRules as on {@link AppointmentBooked}
 */
@Revision("1")
public record AppointmentRescheduled(UserId userId, AppointmentId appointmentId, TimeSlot previousSlot,
                                     TimeSlot newSlot, AppointmentDetails details, List<String> overriddenRules)
        implements CalendarEvent {

    public AppointmentRescheduled {
        overriddenRules = overriddenRules == null ? List.of() : List.copyOf(overriddenRules);
    }

    public AppointmentRescheduled(UserId userId, AppointmentId appointmentId, TimeSlot previousSlot, TimeSlot newSlot,
                                  AppointmentDetails details) {
        this(userId, appointmentId, previousSlot, newSlot, details, List.of());
    }
}
