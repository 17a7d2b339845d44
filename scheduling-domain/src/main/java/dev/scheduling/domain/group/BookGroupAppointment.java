package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Books one appointment on several calendars, all or none: each calendar is held in turn (in the order of their
 * ids), and the appointment is booked on all of them once every one holds it.
 *
 * @param holdsExpireAt when the holds placed for it lapse if the booking has not finished by then
 */
public record BookGroupAppointment(@TargetAggregateIdentifier AppointmentId appointmentId, List<Participant> participants,
                                   TimeSlot slot, AppointmentDetails details, Instant requestedAt, Instant holdsExpireAt,
                                   boolean overrideAvailability) {
}
