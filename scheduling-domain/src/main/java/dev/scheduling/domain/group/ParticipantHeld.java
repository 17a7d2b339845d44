package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.serialization.Revision;

/** One more calendar holds the appointment's slot. */
@Revision("1")
public record ParticipantHeld(AppointmentId appointmentId, UserId calendarId) {
}
