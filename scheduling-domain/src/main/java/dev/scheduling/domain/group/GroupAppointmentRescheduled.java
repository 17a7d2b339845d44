package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Every calendar holds the new slot: the appointment moves there, into each calendar's hold {@code moveId}. */
@Revision("1")
public record GroupAppointmentRescheduled(AppointmentId appointmentId, AppointmentId moveId,
                                          List<Participant> participants, TimeSlot previousSlot, TimeSlot newSlot) {
}
