package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AppointmentCancelled(UserId userId, AppointmentId appointmentId, TimeSlot slot,
                                   @PersonalData String reason) implements CalendarEvent {

    /** Never the reason itself: this text reaches logs. */
    @Override
    public String toString() {
        return "AppointmentCancelled[userId=" + userId + ", appointmentId=" + appointmentId + ", slot=" + slot
                + ", reason=" + (reason == null ? "none" : "(personal data)") + "]";
    }
}
