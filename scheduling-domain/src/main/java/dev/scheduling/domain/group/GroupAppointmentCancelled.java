package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import org.axonframework.serialization.Revision;

import java.util.List;

/** The booked appointment is cancelled on every calendar taking part. */
@Revision("1")
public record GroupAppointmentCancelled(AppointmentId appointmentId, List<Participant> participants, String reason) {
}
