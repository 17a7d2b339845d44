package dev.scheduling.domain.calendar;

import java.util.Map;

/**
 * An appointment of several calendars moved or cancelled on one of them alone: it moves and is cancelled on all of
 * them at once, through {@code /appointments/{id}}, or not at all.
 */
public final class AppointmentOfSeveralCalendarsException extends CalendarException {

    public AppointmentOfSeveralCalendarsException(AppointmentId id) {
        super(CalendarError.APPOINTMENT_OF_SEVERAL_CALENDARS, "Appointment " + id + " is on several calendars: "
                + "cancel it on all of them at once (DELETE /appointments/" + id + ")", Map.of("appointmentId", id.toString()));
    }
}
