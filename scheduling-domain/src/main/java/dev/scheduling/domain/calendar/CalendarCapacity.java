package dev.scheduling.domain.calendar;

import java.time.Instant;

/**
 * How many appointments one calendar may hold ahead of it, so that no caller can grow a calendar without bound.
 * Appointments that have started or are cancelled do not count: a calendar's history may grow for years.
 */
public record CalendarCapacity(int maxFutureAppointments) {

    public CalendarCapacity {
        if (maxFutureAppointments < 1) {
            throw new IllegalArgumentException("maxFutureAppointments must be at least 1");
        }
    }

    /** O(1) while the calendar holds fewer active appointments than the cap, O(log n + cap) beyond it. */
    void check(ActiveSchedule schedule, Instant requestedAt) {
        if (schedule.size() >= maxFutureAppointments
                && schedule.countStartingAfter(requestedAt, maxFutureAppointments) >= maxFutureAppointments) {
            throw new CalendarFullException(maxFutureAppointments);
        }
    }
}
