package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.HoldsPersonalData;
import dev.scheduling.domain.calendar.Participant;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The hold was booked with {@code details} (personal data of the first person taking part, the patient where there
 * is one); {@link GroupAppointmentBooked} follows, and each calendar's hold is confirmed into the appointment.
 */
@Revision("1")
public record GroupHoldBooked(AppointmentId appointmentId, List<Participant> participants, AppointmentDetails details)
        implements HoldsPersonalData {

    @Override
    public String dataSubject() {
        return GroupAppointment.dataSubjectOf(participants);
    }
}
