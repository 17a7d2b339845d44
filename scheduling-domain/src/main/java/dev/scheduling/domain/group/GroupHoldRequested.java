package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A slot on several calendars was asked to be kept for a booking form until {@code expiresAt}; {@code participants}
 * in the order their calendars are held (by id). No personal data: the appointment's details come with its booking.
 */
@Revision("1")
public record GroupHoldRequested(AppointmentId appointmentId, List<Participant> participants, TimeSlot slot,
                                 Instant expiresAt, boolean overrideAvailability) {
}
