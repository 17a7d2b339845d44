package dev.scheduling.domain.calendar;

import java.time.Duration;
import java.util.Map;

public final class AppointmentTooLongException extends CalendarException {

    public AppointmentTooLongException(Duration duration, Duration maxDuration) {
        super(CalendarError.APPOINTMENT_TOO_LONG,
                "The appointment lasts " + duration + ", longer than the maximum " + maxDuration,
                Map.of("duration", duration.toString(), "maxDuration", maxDuration.toString()));
    }
}
