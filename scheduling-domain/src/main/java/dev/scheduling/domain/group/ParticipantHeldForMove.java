package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.serialization.Revision;

/** The calendar holds the new slot of move {@code moveId}. */
@Revision("1")
public record ParticipantHeldForMove(AppointmentId appointmentId, AppointmentId moveId, UserId calendarId) {
}
