package dev.scheduling.domain.calendar;

import java.util.Map;

public final class AppointmentAlreadyStartedException extends CalendarException {

    public AppointmentAlreadyStartedException(Appointment appointment) {
        super(CalendarError.APPOINTMENT_ALREADY_STARTED,
                "Appointment " + appointment.id() + " started at " + appointment.slot().start()
                        + " and cannot be rescheduled",
                Map.of("appointmentId", appointment.id().toString(),
                        "start", appointment.slot().start().toString()));
    }
}
