package dev.scheduling.domain.calendar;

import java.util.Map;

/** The hold to confirm no longer keeps its slot: it lapsed, was released, or was never placed on this calendar. */
public final class HoldExpiredException extends CalendarException {

    public HoldExpiredException(AppointmentId holdId) {
        super(CalendarError.HOLD_EXPIRED, "Hold " + holdId + " has expired or was released",
                Map.of("holdId", holdId.toString()));
    }
}
