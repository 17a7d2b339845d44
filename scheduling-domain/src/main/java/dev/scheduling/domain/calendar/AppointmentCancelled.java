package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * @param personalDataOf whose personal data the reason is: the persons taking part in an appointment of several
 *                       calendars (as its details say); empty for an appointment of this calendar alone, whose owner's
 *                       it is
 */
@Revision("1")
public record AppointmentCancelled(UserId userId, AppointmentId appointmentId, TimeSlot slot,
                                   @PersonalData String reason, List<String> personalDataOf) implements CalendarEvent {

    public AppointmentCancelled {
        personalDataOf = personalDataOf == null ? List.of() : List.copyOf(personalDataOf);
    }

    public AppointmentCancelled(UserId userId, AppointmentId appointmentId, TimeSlot slot, String reason) {
        this(userId, appointmentId, slot, reason, List.of());
    }

    @Override
    public List<String> dataSubjects() {
        return personalDataOf.isEmpty() ? List.of(userId.value()) : personalDataOf;
    }

    /** Never the reason itself: this text reaches logs. */
    @Override
    public String toString() {
        return "AppointmentCancelled[userId=" + userId + ", appointmentId=" + appointmentId + ", slot=" + slot
                + ", reason=" + (reason == null ? "none" : "(personal data)") + ", personalDataOf=" + personalDataOf + "]";
    }
}
