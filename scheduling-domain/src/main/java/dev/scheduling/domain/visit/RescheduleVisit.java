package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Moves a booked visit to {@code newSlot} on every calendar or on none; {@code selfBooking} as for {@link BookVisit}. */
public record RescheduleVisit(@TargetAggregateIdentifier AppointmentId appointmentId, TimeSlot newSlot,
                              Instant requestedAt, boolean overrideAvailability, UserId selfBooking) {
}
