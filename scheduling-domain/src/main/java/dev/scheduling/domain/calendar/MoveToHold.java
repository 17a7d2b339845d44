package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Moves appointment {@code appointmentId} into the slot hold {@code holdId} keeps for it (placed with
 * {@link PlaceHold#moving()}): the hold is used up and the appointment takes its slot, so nothing can come between.
 * The appointment at {@code slot} already changes nothing; a hold that lapsed before {@code requestedAt}, was released
 * or never placed is refused with {@link HoldExpiredException}.
 */
public record MoveToHold(@TargetAggregateIdentifier UserId userId, AppointmentId appointmentId, AppointmentId holdId,
                         TimeSlot slot, Instant requestedAt) {
}
