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
 * The active appointments and holds of one calendar, sorted by start. They never overlap, but for an appointment of
 * several calendars and the hold that will move it (which may overlap the slot it leaves): each entry overlaps at
 * most one other. So a new slot can only collide with the two entries starting at or just before its start (if they
 * end after it) or those starting inside it: O(log n) look-ups.
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

    /** Entries by start, then id (an appointment and its moving hold may start at the same instant). */
    private record Key(Instant start, String id) implements Comparable<Key> {

        /** After every key of {@code start}: ids are UUIDs, all below it. */
        static Key after(Instant start) {
            return new Key(start, "\uffff");
        }

        @Override
        public int compareTo(Key other) {
            int byStart = start.compareTo(other.start);
            return byStart != 0 ? byStart : id.compareTo(other.id);
        }
    }

    private final NavigableMap<Key, Entry> byStart = new TreeMap<>();

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
        List<Entry> lapsed = new ArrayList<>(2);
        // the two starting at or before it: with an appointment and its moving hold, the nearer may end first
        Map.Entry<Key, Entry> atOrBefore = byStart.floorEntry(Key.after(slot.start()));
        for (int i = 0; i < 2 && atOrBefore != null; i++, atOrBefore = byStart.lowerEntry(atOrBefore.getKey())) {
            Entry entry = atOrBefore.getValue();
            if (!isMoving(entry, moving) && entry.slot().overlaps(slot)) {
                if (!entry.hasLapsedAt(instant)) {
                    return new Clash(Optional.of(entry), List.of());
                }
                lapsed.add(entry);
            }
        }
        for (Map.Entry<Key, Entry> after = byStart.higherEntry(Key.after(slot.start()));
             after != null && after.getKey().start().isBefore(slot.end()); after = byStart.higherEntry(after.getKey())) {
            if (isMoving(after.getValue(), moving)) {
                continue;
            }
            if (!after.getValue().hasLapsedAt(instant)) {
                return new Clash(Optional.of(after.getValue()), List.of());
            }
            lapsed.add(after.getValue());
        }
        return new Clash(Optional.empty(), lapsed.isEmpty() ? List.of() : List.copyOf(lapsed));
    }

    void add(AppointmentId id, TimeSlot slot) {
        byStart.put(new Key(slot.start(), id.toString()), new Entry(id, slot, null));
    }

    void add(Hold hold) {
        byStart.put(new Key(hold.slot().start(), hold.id().toString()), new Entry(hold.id(), hold.slot(), hold.expiresAt()));
    }

    /** Removes the appointment or hold {@code id} holding {@code slot}. */
    void remove(AppointmentId id, TimeSlot slot) {
        byStart.remove(new Key(slot.start(), id.toString()));
    }

    int size() {
        return byStart.size();
    }

    /** How many start after {@code instant}, counting no further than {@code atMost}. */
    int countStartingAfter(Instant instant, int atMost) {
        int count = 0;
        for (var iterator = byStart.tailMap(Key.after(instant), false).keySet().iterator(); iterator.hasNext() && count < atMost; ) {
            iterator.next();
            count++;
        }
        return count;
    }

    private static boolean isMoving(Entry entry, AppointmentId moving) {
        return Objects.equals(entry.id(), moving);
    }
}
