package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The appointment moved from {@code previousSlot} to {@code newSlot}. It also carries the appointment's details
 * (which never change), so that a consumer that starts from a reschedule, such as the reminder saga, needs no lookup.
 *
 * @param overriddenRules as on {@link AppointmentBooked}
 * @param participants    a visit's calendars, as on {@link AppointmentBooked}, when it moved on all of them; empty
 *                        for an appointment of this calendar alone (and in events written before visits moved so)
 */
@Revision("1")
public record AppointmentRescheduled(UserId userId, AppointmentId appointmentId, TimeSlot previousSlot,
                                     TimeSlot newSlot, AppointmentDetails details, List<String> overriddenRules,
                                     List<Participant> participants) implements CalendarEvent {

    public AppointmentRescheduled {
        overriddenRules = overriddenRules == null ? List.of() : List.copyOf(overriddenRules);
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    public AppointmentRescheduled(UserId userId, AppointmentId appointmentId, TimeSlot previousSlot, TimeSlot newSlot,
                                  AppointmentDetails details, List<String> overriddenRules) {
        this(userId, appointmentId, previousSlot, newSlot, details, overriddenRules, List.of());
    }

    public AppointmentRescheduled(UserId userId, AppointmentId appointmentId, TimeSlot previousSlot, TimeSlot newSlot,
                                  AppointmentDetails details) {
        this(userId, appointmentId, previousSlot, newSlot, details, List.of());
    }

    /** Whether reminders go to this calendar: as for {@link AppointmentBooked#remindsThisCalendar()}. */
    public boolean remindsThisCalendar() {
        return Participant.reminds(participants, userId);
    }
}
