package dev.scheduling.domain.calendar;

import java.util.Map;

public final class AppointmentNotFoundException extends CalendarException {

    public AppointmentNotFoundException(AppointmentId id) {
        super(CalendarError.APPOINTMENT_NOT_FOUND, "No appointment " + id + " on this calendar",
                Map.of("appointmentId", id.toString()));
    }
}
