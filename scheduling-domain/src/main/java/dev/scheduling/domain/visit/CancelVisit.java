package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels a booked visit on every calendar; one cancelled already changes nothing. */
public record CancelVisit(@TargetAggregateIdentifier AppointmentId appointmentId, String reason) {
}
