package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Keeps a slot on several calendars for a booking form, all or none, until {@code expiresAt}: each calendar is held
 * in turn (in the order of their ids), as for a booking, but nothing is booked until {@link BookHeldAppointment}
 * names it. The appointment booked from it takes its id.
 */
public record PlaceGroupHold(@TargetAggregateIdentifier AppointmentId appointmentId, List<Participant> participants,
                             TimeSlot slot, Instant requestedAt, Instant expiresAt, boolean overrideAvailability) {
}
