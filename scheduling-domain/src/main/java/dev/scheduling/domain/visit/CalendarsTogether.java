package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.UserId;

import java.util.List;

/**
 * How a visit takes its calendars for its unit of work before it loads them: all at once where the application can
 * (so that it never holds one calendar while it waits for another); else one after another as the repository loads
 * them, in the order of their ids, which no two visits can wait on each other in either.
 */
@FunctionalInterface
public interface CalendarsTogether {

    /** As the repository takes each calendar it loads. */
    CalendarsTogether ONE_BY_ONE = calendars -> {
    };

    /** Takes {@code calendars} (in the order of their ids) for the current unit of work, released when it ends. */
    void take(List<UserId> calendars);
}
