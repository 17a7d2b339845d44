package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.TimeSlot;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Moves a booked appointment of several calendars to {@code newSlot} on all of them or on none: the new slot is held
 * on each calendar in turn (in the order of their ids, under {@code moveId}), and the appointment moves into the holds
 * once every one keeps it. Answers the id of the move being decided, or null when it is at {@code newSlot} already.
 *
 * @param holdsExpireAt when the move's holds lapse if it has not been decided by then
 */
public record RescheduleGroupAppointment(@TargetAggregateIdentifier AppointmentId appointmentId, AppointmentId moveId,
                                         TimeSlot newSlot, Instant requestedAt, Instant holdsExpireAt,
                                         boolean overrideAvailability) {
}
