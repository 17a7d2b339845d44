package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Books one appointment on several calendars, on all of them or on none. Asked again under the same id with the same
 * participants, slot and details, it is answered with the visit as it stands.
 *
 * @param selfBooking a user booking themself (their own calendar among the participants): every other calendar must
 *                    be published; null for the front desk and admins, who book any calendars together
 */
public record BookVisit(@TargetAggregateIdentifier AppointmentId appointmentId, List<Participant> participants,
                        TimeSlot slot, AppointmentDetails details, Instant requestedAt, boolean overrideAvailability,
                        UserId selfBooking) {
}
