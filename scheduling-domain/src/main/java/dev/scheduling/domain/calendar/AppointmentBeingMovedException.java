package dev.scheduling.domain.calendar;

import java.util.Map;

/** An appointment of several calendars is being moved to another slot already: one move at a time. */
public final class AppointmentBeingMovedException extends CalendarException {

    public AppointmentBeingMovedException(AppointmentId id, TimeSlot to) {
        super(CalendarError.APPOINTMENT_BEING_MOVED, "Appointment " + id + " is being moved to " + to.start() + " - "
                + to.end() + " already; ask again once that move is decided",
                Map.of("appointmentId", id.toString(), "movingToStart", to.start().toString(),
                        "movingToEnd", to.end().toString()));
    }
}
