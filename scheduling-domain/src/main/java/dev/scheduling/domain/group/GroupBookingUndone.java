package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import org.axonframework.serialization.Revision;

/** A booking decided but not confirmed on every calendar was undone on all of them. */
@Revision("1")
public record GroupBookingUndone(AppointmentId appointmentId, String reason) {
}
