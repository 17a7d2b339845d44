package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * @param overriddenRules the codes of the availability rules the booking was allowed to break
 *                        ({@code outside-availability}, {@code notice-too-short}, {@code beyond-booking-horizon});
 *                        empty for nearly every booking
 * @param participants    every calendar the appointment is on, this one included, with its role; empty for an
 *                        appointment of this calendar alone
 */
@Revision("1")
public record AppointmentBooked(UserId userId, AppointmentId appointmentId, TimeSlot slot,
                                AppointmentDetails details, List<String> overriddenRules,
                                List<Participant> participants) implements CalendarEvent {

    public AppointmentBooked {
        overriddenRules = overriddenRules == null ? List.of() : List.copyOf(overriddenRules);
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    public AppointmentBooked(UserId userId, AppointmentId appointmentId, TimeSlot slot, AppointmentDetails details,
                             List<String> overriddenRules) {
        this(userId, appointmentId, slot, details, overriddenRules, List.of());
    }

    /** Whether reminders go to this calendar: a person's, or any calendar of an appointment of its own. */
    public boolean remindsThisCalendar() {
        return Participant.reminds(participants, userId);
    }

    public AppointmentBooked(UserId userId, AppointmentId appointmentId, TimeSlot slot, AppointmentDetails details) {
        this(userId, appointmentId, slot, details, List.of());
    }
}
