package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record CancelAppointment(@TargetAggregateIdentifier UserId userId, AppointmentId appointmentId, String reason,
                                Instant requestedAt) {
}
