package dev.scheduling.domain.calendar;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The active appointments of one calendar, sorted by start. Because they never overlap, sorting by start also
 * sorts by end, so a new slot can only collide with the appointment starting at or just before its start (if that
 * one ends after it) or the one starting just after (if that one starts before it ends): two O(log n) look-ups.
 */
final class ActiveSchedule {

    private final NavigableMap<Instant, Appointment> byStart = new TreeMap<>();

    static ActiveSchedule of(Collection<Appointment> appointments) {
        ActiveSchedule schedule = new ActiveSchedule();
        appointments.stream().filter(Appointment::isActive).forEach(schedule::add);
        return schedule;
    }

    /** The active appointment {@code slot} would overlap, ignoring {@code moving} (null when booking). */
    Optional<Appointment> conflictWith(TimeSlot slot, AppointmentId moving) {
        Map.Entry<Instant, Appointment> before = byStart.floorEntry(slot.start());
        // If "before" is the one being moved, whatever precedes it ends before it starts, hence before the slot.
        if (before != null && !isMoving(before, moving) && before.getValue().slot().overlaps(slot)) {
            return Optional.of(before.getValue());
        }
        Map.Entry<Instant, Appointment> after = byStart.higherEntry(slot.start());
        if (after != null && isMoving(after, moving)) {
            after = byStart.higherEntry(after.getKey());
        }
        if (after != null && after.getValue().slot().overlaps(slot)) {
            return Optional.of(after.getValue());
        }
        return Optional.empty();
    }

    void add(Appointment appointment) {
        byStart.put(appointment.slot().start(), appointment);
    }

    void remove(Appointment appointment) {
        byStart.remove(appointment.slot().start());
    }

    int size() {
        return byStart.size();
    }

    /** How many start after {@code instant}, counting no further than {@code atMost}. */
    int countStartingAfter(Instant instant, int atMost) {
        int count = 0;
        for (var iterator = byStart.tailMap(instant, false).keySet().iterator(); iterator.hasNext() && count < atMost; ) {
            iterator.next();
            count++;
        }
        return count;
    }

    private static boolean isMoving(Map.Entry<Instant, Appointment> entry, AppointmentId moving) {
        return Objects.equals(entry.getValue().id(), moving);
    }
}
