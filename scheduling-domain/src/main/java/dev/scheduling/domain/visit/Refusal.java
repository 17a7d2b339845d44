package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.CalendarException;
import dev.scheduling.domain.calendar.UserId;

import java.time.Instant;

/**
 * Why one participant's calendar refused a visit: the calendar's error code and, for an overlap, the slot in the way
 * (never its title or id: the caller may not be allowed to read that calendar).
 */
public record Refusal(UserId calendarId, String code, Instant conflictingStart, Instant conflictingEnd) {

    static Refusal of(UserId calendarId, CalendarException refused) {
        String start = refused.data().get("conflictingStart");
        String end = refused.data().get("conflictingEnd");
        return new Refusal(calendarId, refused.error().code(), start == null ? null : Instant.parse(start),
                end == null ? null : Instant.parse(end));
    }
}
