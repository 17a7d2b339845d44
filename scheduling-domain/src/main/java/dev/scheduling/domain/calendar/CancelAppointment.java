package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cancels an appointment at any time, even one under way or over: cancelling is always the caller's to decide.
 *
 * @param everywhere the appointment is cancelled on every calendar it is on at once (a visit's cancellation);
 *                   without it, an appointment of several calendars is refused, as it would stay on the others
 */
public record CancelAppointment(@TargetAggregateIdentifier UserId userId, AppointmentId appointmentId, String reason,
                                boolean everywhere) {

    public CancelAppointment(UserId userId, AppointmentId appointmentId, String reason) {
        this(userId, appointmentId, reason, false);
    }
}
