package dev.scheduling.domain.calendar;

import java.util.Map;

public final class AppointmentCancelledException extends CalendarException {

    public AppointmentCancelledException(AppointmentId id) {
        super(CalendarError.APPOINTMENT_CANCELLED, "Appointment " + id + " is cancelled and cannot be rescheduled",
                Map.of("appointmentId", id.toString()));
    }
}
