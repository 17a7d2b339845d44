package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.UserId;

import java.time.Instant;

/**
 * Why one participant's calendar refused the appointment: the calendar's error code and, for an overlap, the slot in
 * the way (never its title or id: the caller may not be allowed to read that calendar).
 */
public record Refusal(UserId calendarId, String code, Instant conflictingStart, Instant conflictingEnd) {
}
