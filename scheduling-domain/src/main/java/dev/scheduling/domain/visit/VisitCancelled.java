package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.PersonalData;
import org.axonframework.serialization.Revision;

import java.util.List;

/** The visit is cancelled on every calendar; the reason is personal data of every person taking part. */
@Revision("1")
public record VisitCancelled(AppointmentId appointmentId, @PersonalData String reason, List<String> personalDataOf)
        implements VisitEvent {

    public VisitCancelled {
        personalDataOf = List.copyOf(personalDataOf);
    }

    /** Never the reason itself: this text reaches logs. */
    @Override
    public String toString() {
        return "VisitCancelled[appointmentId=" + appointmentId + ", reason="
                + (reason == null ? "none" : "(personal data)") + ", personalDataOf=" + personalDataOf + "]";
    }
}
