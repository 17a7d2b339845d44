package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels a booked appointment on every calendar taking part. */
public record CancelGroupAppointment(@TargetAggregateIdentifier AppointmentId appointmentId, String reason) {
}
