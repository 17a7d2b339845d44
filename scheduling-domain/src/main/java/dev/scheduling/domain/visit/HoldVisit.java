package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Keeps a slot busy on several calendars, all or none, until {@code expiresAt}, for a booking form: booked later with
 * {@link BookHeldVisit} as the appointment of the same id. {@code selfBooking} as for {@link BookVisit}.
 *
 * @param heldBy who asks: who may book it or give it up, besides the front desk and admins
 */
public record HoldVisit(@TargetAggregateIdentifier AppointmentId appointmentId, List<Participant> participants,
                        TimeSlot slot, Instant requestedAt, Instant expiresAt, boolean overrideAvailability,
                        UserId selfBooking, String heldBy) {
}
