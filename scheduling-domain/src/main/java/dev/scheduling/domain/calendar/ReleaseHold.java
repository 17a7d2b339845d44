package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Frees a hold's slot; a hold already confirmed, released or never placed is left as it is. */
public record ReleaseHold(@TargetAggregateIdentifier UserId userId, AppointmentId appointmentId) {
}
