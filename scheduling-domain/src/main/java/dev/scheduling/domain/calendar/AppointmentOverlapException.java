package dev.scheduling.domain.calendar;

import java.util.Map;

public final class AppointmentOverlapException extends CalendarException {

    public AppointmentOverlapException(AppointmentId conflicting, TimeSlot slot) {
        super(CalendarError.APPOINTMENT_OVERLAP,
                "The slot overlaps appointment " + conflicting + " from " + slot.start() + " to " + slot.end(),
                Map.of("conflictingAppointmentId", conflicting.toString(),
                        "conflictingStart", slot.start().toString(),
                        "conflictingEnd", slot.end().toString()));
    }
}
