package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Gives a booking form's hold up: its slot is free on every calendar at once. One released or expired by
 * {@code requestedAt} changes nothing; one booked is refused ({@code hold-expired}).
 */
public record ReleaseVisitHold(@TargetAggregateIdentifier AppointmentId appointmentId, Instant requestedAt) {
}
