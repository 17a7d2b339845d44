package dev.scheduling.domain.calendar;

import java.util.Map;

public final class AppointmentOverlapException extends CalendarException {

    public AppointmentOverlapException(Appointment conflicting) {
        super(CalendarError.APPOINTMENT_OVERLAP,
                "The slot overlaps appointment " + conflicting.id() + " from " + conflicting.slot().start()
                        + " to " + conflicting.slot().end(),
                Map.of("conflictingAppointmentId", conflicting.id().toString(),
                        "conflictingStart", conflicting.slot().start().toString(),
                        "conflictingEnd", conflicting.slot().end().toString()));
    }
}
