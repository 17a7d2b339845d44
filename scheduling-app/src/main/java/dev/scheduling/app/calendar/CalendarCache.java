package dev.scheduling.app.calendar;

import dev.scheduling.domain.calendar.UserCalendar;
import org.axonframework.eventsourcing.EventSourcedAggregate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The calendars this node used last, in memory, each as Axon last left it after a command: a command then does not load
 * its calendar from the event store (a snapshot and up to {@code snapshot-threshold} events). Least recently used
 * calendars are evicted beyond {@code maximumEntries}. It also remembers which calendars another node wrote to lately
 * ({@link #markShared}): those are brought up to date before each command ({@link CachingCalendarRepository}). Whether
 * a cached calendar may be stale otherwise is not this class's concern ({@link StaleOutcomeCheck}).
 */
final class CalendarCache {

    /** How long a calendar another node wrote to is brought up to date before each command here. */
    private static final long SHARED_FOR_NANOS = 60_000_000_000L;

    private final Map<String, EventSourcedAggregate<UserCalendar>> entries;
    private final Map<String, Long> sharedUntil;

    CalendarCache(int maximumEntries) {
        this.entries = lru(maximumEntries);
        this.sharedUntil = lru(maximumEntries);
    }

    synchronized EventSourcedAggregate<UserCalendar> get(String calendarId) {
        return entries.get(calendarId);
    }

    synchronized void put(String calendarId, EventSourcedAggregate<UserCalendar> calendar) {
        entries.put(calendarId, calendar);
    }

    synchronized void remove(String calendarId) {
        entries.remove(calendarId);
    }

    synchronized int size() {
        return entries.size();
    }

    /** Another node wrote to the calendar since this node cached it: keep it up to date for a while. */
    synchronized void markShared(String calendarId) {
        sharedUntil.put(calendarId, System.nanoTime() + SHARED_FOR_NANOS);
    }

    /** Whether another node wrote to the calendar lately. */
    synchronized boolean isShared(String calendarId) {
        Long until = sharedUntil.get(calendarId);
        if (until != null && until - System.nanoTime() < 0) {
            sharedUntil.remove(calendarId);
            return false;
        }
        return until != null;
    }

    private static <V> Map<String, V> lru(int maximumEntries) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maximumEntries;
            }
        };
    }
}
