package dev.scheduling.domain.calendar;

import java.time.Instant;
import java.util.Map;

/** The slot starts further after the request than the calendar's booking horizon allows. */
public final class BeyondBookingHorizonException extends CalendarException {

    public BeyondBookingHorizonException(Instant start, Instant latestStart) {
        super(CalendarError.BEYOND_BOOKING_HORIZON, "The start " + start + " is after " + latestStart
                        + ", the latest the calendar's booking horizon allows",
                Map.of("start", start.toString(), "latestStart", latestStart.toString()));
    }
}
