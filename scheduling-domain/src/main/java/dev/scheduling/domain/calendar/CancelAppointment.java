package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels an appointment at any time, even one under way or over: cancelling is always the caller's to decide. */
public record CancelAppointment(@TargetAggregateIdentifier UserId userId, AppointmentId appointmentId, String reason) {
}
