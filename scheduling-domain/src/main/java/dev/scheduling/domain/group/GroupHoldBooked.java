package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The hold was booked with {@code details} (personal data of every person taking part); {@link GroupAppointmentBooked}
 * follows, and each calendar's hold is confirmed into the appointment.
 */
@Revision("1")
public record GroupHoldBooked(AppointmentId appointmentId, List<Participant> participants, AppointmentDetails details)
        implements PersonalDataOfParticipants {
}
