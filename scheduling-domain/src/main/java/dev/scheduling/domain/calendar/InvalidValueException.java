package dev.scheduling.domain.calendar;

import java.util.Map;

public final class InvalidValueException extends CalendarException {

    public InvalidValueException(String field, String reason) {
        super(CalendarError.INVALID_VALUE, field + " " + reason, Map.of("field", field, "reason", reason));
    }
}
