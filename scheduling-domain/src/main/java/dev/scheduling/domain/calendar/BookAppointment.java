package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Books {@code slot} on the user's calendar. The caller chooses {@code appointmentId}; booking the same id again
 * with the same slot and details is answered with the existing appointment and changes nothing.
 *
 * @param overrideAvailability book even outside the calendar's hours, notice or horizon (never into an overlap); the
 *                             application sends it only for callers allowed to
 * @param participants         every calendar of a visit, this one included, with its role; empty for an appointment
 *                             of this calendar alone
 */
public record BookAppointment(@TargetAggregateIdentifier UserId userId, AppointmentId appointmentId, TimeSlot slot,
                              AppointmentDetails details, Instant requestedAt, boolean overrideAvailability,
                              List<Participant> participants) {

    public BookAppointment {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    public BookAppointment(UserId userId, AppointmentId appointmentId, TimeSlot slot, AppointmentDetails details,
                           Instant requestedAt, boolean overrideAvailability) {
        this(userId, appointmentId, slot, details, requestedAt, overrideAvailability, List.of());
    }

    public BookAppointment(UserId userId, AppointmentId appointmentId, TimeSlot slot, AppointmentDetails details,
                           Instant requestedAt) {
        this(userId, appointmentId, slot, details, requestedAt, false);
    }
}
