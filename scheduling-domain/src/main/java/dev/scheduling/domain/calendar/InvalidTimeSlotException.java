package dev.scheduling.domain.calendar;

import java.util.Map;

public final class InvalidTimeSlotException extends CalendarException {

    public InvalidTimeSlotException(String reason) {
        super(CalendarError.INVALID_TIME_SLOT, "Invalid time slot: " + reason, Map.of());
    }
}
