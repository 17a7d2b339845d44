package dev.scheduling.domain.calendar;

import java.time.Instant;
import java.util.Map;

public final class StartInPastException extends CalendarException {

    public StartInPastException(Instant start, Instant requestedAt) {
        super(CalendarError.START_IN_PAST, "The start " + start + " is before the time of the request " + requestedAt,
                Map.of("start", start.toString(), "requestedAt", requestedAt.toString()));
    }
}
