package dev.scheduling.domain.calendar;

import java.time.ZoneId;
import java.util.Map;

/** The slot does not lie inside one open window of the calendar's availability rules. */
public final class OutsideAvailabilityException extends CalendarException {

    public OutsideAvailabilityException(TimeSlot slot, ZoneId timeZone) {
        super(CalendarError.OUTSIDE_AVAILABILITY, "The calendar is not open from " + slot.start() + " to " + slot.end()
                        + " (its hours are in " + timeZone + ")",
                Map.of("start", slot.start().toString(), "end", slot.end().toString(), "timeZone", timeZone.getId()));
    }
}
