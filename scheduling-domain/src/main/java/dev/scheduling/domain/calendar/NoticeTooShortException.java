package dev.scheduling.domain.calendar;

import java.time.Instant;
import java.util.Map;

/** The slot starts sooner after the request than the calendar's minimum notice allows. */
public final class NoticeTooShortException extends CalendarException {

    public NoticeTooShortException(Instant start, Instant earliestStart) {
        super(CalendarError.NOTICE_TOO_SHORT, "The start " + start + " is before " + earliestStart
                        + ", the earliest the calendar's minimum notice allows",
                Map.of("start", start.toString(), "earliestStart", earliestStart.toString()));
    }
}
