package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentId;

import java.util.List;

/** One or more of a visit's calendars refused it: each refusal is named, and nothing of the visit was written. */
public final class ParticipantsUnavailableException extends RuntimeException {

    private final AppointmentId appointmentId;
    private final List<Refusal> refusals;

    public ParticipantsUnavailableException(AppointmentId appointmentId, List<Refusal> refusals) {
        super("Calendar " + refusals.get(0).calendarId() + (refusals.size() > 1 ? " and " + (refusals.size() - 1)
                + " more" : "") + " refused appointment " + appointmentId + "; nothing of it is on any calendar",
                null, false, false);
        this.appointmentId = appointmentId;
        this.refusals = List.copyOf(refusals);
    }

    public AppointmentId appointmentId() {
        return appointmentId;
    }

    public List<Refusal> refusals() {
        return refusals;
    }
}
