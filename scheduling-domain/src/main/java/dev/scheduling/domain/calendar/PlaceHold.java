package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Keeps {@code slot} busy on the calendar until {@code expiresAt}, for the appointment {@code appointmentId} that
 * will confirm it ({@link ConfirmHold}): a booking form's hold, placed on every calendar of a visit at once. Checked
 * like a booking: the slot's length and start, the calendar's availability rules (unless overridden), its capacity,
 * and no overlap with its appointments, live holds and buffers. Placing the same hold again (same id, slot and
 * expiry) changes nothing.
 */
public record PlaceHold(@TargetAggregateIdentifier UserId userId, AppointmentId appointmentId, TimeSlot slot,
                        Instant expiresAt, Instant requestedAt, boolean overrideAvailability) {
}
