package dev.scheduling.app.calendar;

import dev.scheduling.domain.calendar.UserCalendar;
import org.axonframework.eventsourcing.EventSourcedAggregate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The calendars this node used last, in memory, each as Axon last left it after a command: a command then does not load
 * its calendar from the event store (a snapshot and up to {@code snapshot-threshold} events). Least recently used
 * calendars are evicted beyond {@code maximumEntries}. Whether a cached calendar may be stale is not this class's
 * concern ({@link StaleOutcomeCheck}).
 */
final class CalendarCache {

    private final Map<String, EventSourcedAggregate<UserCalendar>> entries;

    CalendarCache(int maximumEntries) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, EventSourcedAggregate<UserCalendar>> eldest) {
                return size() > maximumEntries;
            }
        };
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
}
