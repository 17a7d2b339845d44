package dev.scheduling.projections.calendars;

import java.time.Instant;
import java.util.List;

/**
 * What slot search and free/busy need of each calendar named, for {@code [from, to)}: its rules and its booked
 * appointments reaching into that range (from one query each). Answered with a {@link Schedules}.
 */
public record FindSchedules(List<String> calendarIds, Instant from, Instant to) {

    public FindSchedules {
        calendarIds = List.copyOf(calendarIds);
    }
}
