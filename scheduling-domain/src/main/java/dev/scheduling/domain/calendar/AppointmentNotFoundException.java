package dev.scheduling.domain.calendar;

import java.util.Map;

public final class AppointmentNotFoundException extends CalendarException {

    public AppointmentNotFoundException(AppointmentId id) {
        this(id, "No appointment " + id + " on this calendar");
    }

    private AppointmentNotFoundException(AppointmentId id, String message) {
        super(CalendarError.APPOINTMENT_NOT_FOUND, message, Map.of("appointmentId", id.toString()));
    }

    /** No visit of several calendars of that id (or none booked: a hold, released or expired, is no appointment). */
    public static AppointmentNotFoundException visit(AppointmentId id) {
        return new AppointmentNotFoundException(id, "No appointment " + id);
    }
}
