package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.PersonalData;
import org.axonframework.serialization.Revision;

import java.util.List;

/** The booked appointment is cancelled on every calendar taking part; the reason is personal data of every person taking part. */
@Revision("1")
public record GroupAppointmentCancelled(AppointmentId appointmentId, List<Participant> participants,
                                        @PersonalData String reason) implements PersonalDataOfParticipants {

    /** Never the reason itself: this text reaches logs. */
    @Override
    public String toString() {
        return "GroupAppointmentCancelled[appointmentId=" + appointmentId + ", participants=" + participants
                + ", reason=" + (reason == null ? "none" : "(personal data)") + "]";
    }
}
