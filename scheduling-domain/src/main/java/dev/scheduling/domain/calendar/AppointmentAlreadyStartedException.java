package dev.scheduling.domain.calendar;

import java.util.Map;

public final class AppointmentAlreadyStartedException extends CalendarException {

    public AppointmentAlreadyStartedException(Appointment appointment) {
        this(appointment.id(), appointment.slot().start());
    }

    public AppointmentAlreadyStartedException(AppointmentId id, java.time.Instant start) {
        super(CalendarError.APPOINTMENT_ALREADY_STARTED, "Appointment " + id + " started at " + start
                + " and cannot be rescheduled", Map.of("appointmentId", id.toString(), "start", start.toString()));
    }
}
