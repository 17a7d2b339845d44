package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Every calendar holds the slot: the appointment is booked, and each hold is confirmed into it. */
@Revision("1")
public record GroupAppointmentBooked(AppointmentId appointmentId, List<Participant> participants, TimeSlot slot) {
}
