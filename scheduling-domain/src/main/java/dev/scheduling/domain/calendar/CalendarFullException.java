package dev.scheduling.domain.calendar;

import java.util.Map;

public final class CalendarFullException extends CalendarException {

    public CalendarFullException(int maxFutureAppointments) {
        super(CalendarError.CALENDAR_FULL,
                "The calendar already holds " + maxFutureAppointments + " future appointments, the most it may hold",
                Map.of("maxFutureAppointments", Integer.toString(maxFutureAppointments)));
    }
}
