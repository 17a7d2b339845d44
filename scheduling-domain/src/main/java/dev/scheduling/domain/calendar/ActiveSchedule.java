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

    /** An active appointment as far as overlaps go: its id and its slot. */
    record Entry(AppointmentId id, TimeSlot slot) {
    }

    private final NavigableMap<Instant, Entry> byStart = new TreeMap<>();

    static ActiveSchedule of(Collection<Appointment> appointments) {
        ActiveSchedule schedule = new ActiveSchedule();
        appointments.stream().filter(Appointment::isActive).forEach(appointment -> schedule.add(appointment.id(),
                appointment.slot()));
        return schedule;
    }

    /** The active appointment {@code slot} would overlap, ignoring {@code moving} (null when booking). */
    Optional<Entry> conflictWith(TimeSlot slot, AppointmentId moving) {
        Map.Entry<Instant, Entry> before = byStart.floorEntry(slot.start());
        // If "before" is the one being moved, whatever precedes it ends before it starts, hence before the slot.
        if (before != null && !isMoving(before, moving) && before.getValue().slot().overlaps(slot)) {
            return Optional.of(before.getValue());
        }
        Map.Entry<Instant, Entry> after = byStart.higherEntry(slot.start());
        if (after != null && isMoving(after, moving)) {
            after = byStart.higherEntry(after.getKey());
        }
        if (after != null && after.getValue().slot().overlaps(slot)) {
            return Optional.of(after.getValue());
        }
        return Optional.empty();
    }

    void add(AppointmentId id, TimeSlot slot) {
        byStart.put(slot.start(), new Entry(id, slot));
    }

    /** Removes the appointment holding {@code slot} (active appointments never share a start). */
    void remove(TimeSlot slot) {
        byStart.remove(slot.start());
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

    private static boolean isMoving(Map.Entry<Instant, Entry> entry, AppointmentId moving) {
        return Objects.equals(entry.getValue().id(), moving);
    }
}
