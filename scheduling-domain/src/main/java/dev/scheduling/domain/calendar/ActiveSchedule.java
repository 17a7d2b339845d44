package dev.scheduling.domain.calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

    /** An active appointment or hold as far as overlaps go: its id, its slot, and a hold's expiry (null: none). */
    record Entry(AppointmentId id, TimeSlot slot, Instant expiresAt) {

        boolean hasLapsedAt(Instant instant) {
            return expiresAt != null && !instant.isBefore(expiresAt);
        }
    }

    /** What a slot runs into: the first entry in its way that still counts, and the lapsed holds it would cover. */
    record Clash(Optional<Entry> conflict, List<Entry> lapsed) {
    }

    private final NavigableMap<Instant, Entry> byStart = new TreeMap<>();

    static ActiveSchedule of(Collection<Appointment> appointments, Collection<Hold> holds) {
        ActiveSchedule schedule = new ActiveSchedule();
        appointments.stream().filter(Appointment::isActive).forEach(appointment -> schedule.add(appointment.id(),
                appointment.slot()));
        holds.forEach(hold -> schedule.add(hold));
        return schedule;
    }

    /** The active appointment or hold {@code slot} would overlap, ignoring {@code moving} (null when booking). */
    Optional<Entry> conflictWith(TimeSlot slot, AppointmentId moving) {
        return clashAt(slot, moving, Instant.MIN).conflict();
    }

    /**
     * Where {@code slot} runs into the schedule at {@code instant}, ignoring {@code moving}: holds lapsed by then do
     * not count but are listed (the calendar clears them before it takes their place, so that entries never overlap).
     * Entries do not overlap one another, so only the one starting at or before the slot and those starting inside
     * it can reach it; the walk stops at the first that counts.
     */
    Clash clashAt(TimeSlot slot, AppointmentId moving, Instant instant) {
        List<Entry> lapsed = null;
        Map.Entry<Instant, Entry> before = byStart.floorEntry(slot.start());
        if (before != null && !isMoving(before, moving) && before.getValue().slot().overlaps(slot)) {
            if (!before.getValue().hasLapsedAt(instant)) {
                return new Clash(Optional.of(before.getValue()), List.of());
            }
            lapsed = new ArrayList<>(2);
            lapsed.add(before.getValue());
        }
        for (Map.Entry<Instant, Entry> after = byStart.higherEntry(slot.start());
             after != null && after.getKey().isBefore(slot.end()); after = byStart.higherEntry(after.getKey())) {
            if (isMoving(after, moving)) {
                continue;
            }
            if (!after.getValue().hasLapsedAt(instant)) {
                return new Clash(Optional.of(after.getValue()), List.of());
            }
            if (lapsed == null) {
                lapsed = new ArrayList<>(2);
            }
            lapsed.add(after.getValue());
        }
        return new Clash(Optional.empty(), lapsed == null ? List.of() : lapsed);
    }

    void add(AppointmentId id, TimeSlot slot) {
        byStart.put(slot.start(), new Entry(id, slot, null));
    }

    void add(Hold hold) {
        byStart.put(hold.slot().start(), new Entry(hold.id(), hold.slot(), hold.expiresAt()));
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
