package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The appointment is to move from {@code previousSlot} to {@code newSlot}; its holds there are {@code moveId}. */
@Revision("1")
public record GroupRescheduleRequested(AppointmentId appointmentId, AppointmentId moveId, List<Participant> participants,
                                       TimeSlot previousSlot, TimeSlot newSlot, Instant holdsExpireAt,
                                       boolean overrideAvailability) {
}
