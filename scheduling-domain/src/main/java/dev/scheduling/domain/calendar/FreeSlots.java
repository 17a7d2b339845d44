package dev.scheduling.domain.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Slot search over one or more calendars, by the rules the calendar itself books by: a slot is offered when every
 * calendar would accept it, booked at {@code now} ({@link UserCalendar}). Read-side code: it sees the calendars as the
 * read model holds them, so an answer may lag a booking by moments, and the booking still checks every rule.
 */
public final class FreeSlots {

    private FreeSlots() {
    }

    /** A calendar as the search sees it: its rules (null: open at all times) and what is booked on it. */
    public record Calendar(AvailabilityRules rules, List<TimeSlot> busy) {

        public Calendar {
            busy = List.copyOf(busy);
        }
    }

    /**
     * @param step  slots start on multiples of {@code step} from the start of each window (of a calendar without rules,
     *              from 00:00 UTC of {@code from}'s day); usually the duration
     * @param limit the most slots to answer
     */
    public record Search(Instant from, Instant to, Duration duration, Duration step, Instant now, int limit) {

        public Search {
            if (!to.isAfter(from) || duration.isNegative() || duration.isZero() || step.isNegative() || step.isZero()
                    || limit < 1) {
                throw new IllegalArgumentException("a search needs from before to, a positive duration and step, a limit");
            }
        }
    }

    /**
     * The slots of {@code search.duration()} inside {@code [from, to)} free on every calendar: inside one open window
     * of each (where the windows of all overlap), at least each one's minimum notice and at most its horizon after
     * {@code now}, and clear of each one's appointments by its buffers. In order, at most {@code limit}.
     */
    public static List<TimeSlot> find(List<Calendar> calendars, Search search) {
        List<TimeSlot> windows = null; // open at all times, until a calendar's rules say otherwise
        Instant earliest = search.from().isAfter(search.now()) ? search.from() : search.now();
        Instant latest = null;
        List<Busy> busy = new ArrayList<>();
        for (Calendar calendar : calendars) {
            AvailabilityRules rules = calendar.rules();
            Duration separation = Duration.ZERO;
            if (rules != null) {
                List<TimeSlot> open = rules.windows(search.from(), search.to());
                windows = windows == null ? open : intersection(windows, open);
                Instant notice = rules.earliestStart(search.now());
                earliest = notice.isAfter(earliest) ? notice : earliest;
                Instant horizon = rules.latestStart(search.now());
                latest = horizon == null || (latest != null && latest.isBefore(horizon)) ? latest : horizon;
                separation = rules.separation();
            }
            busy.add(new Busy(merged(calendar.busy()), separation));
        }

        if (windows == null) {
            windows = List.of(new TimeSlot(search.from().truncatedTo(ChronoUnit.DAYS), search.to()));
        }
        List<TimeSlot> found = new ArrayList<>();
        for (TimeSlot window : windows) {
            Instant until = window.end().isBefore(search.to()) ? window.end() : search.to();
            Instant start = onOrAfter(window.start(), search.step(), earliest);
            while (found.size() < search.limit()) {
                Instant end = start.plus(search.duration());
                if (end.isAfter(until) || (latest != null && start.isAfter(latest))) {
                    break;
                }
                Instant clearFrom = null;
                for (Busy calendar : busy) {
                    Instant free = calendar.freeFrom(start, end);
                    if (free != null && (clearFrom == null || free.isAfter(clearFrom))) {
                        clearFrom = free;
                    }
                }
                if (clearFrom == null) {
                    found.add(new TimeSlot(start, end));
                    start = start.plus(search.step());
                } else {
                    start = onOrAfter(window.start(), search.step(), clearFrom);
                }
            }
        }
        return found;
    }

    /** The intervals of {@code busy} that reach into {@code [from, to)}, merged where they overlap or touch, cut to it. */
    public static List<TimeSlot> busyBetween(List<TimeSlot> busy, Instant from, Instant to) {
        List<TimeSlot> cut = new ArrayList<>();
        for (TimeSlot slot : merged(busy)) {
            Instant start = slot.start().isBefore(from) ? from : slot.start();
            Instant end = slot.end().isAfter(to) ? to : slot.end();
            if (end.isAfter(start)) {
                cut.add(new TimeSlot(start, end));
            }
        }
        return cut;
    }

    /** The first instant {@code anchor + k * step} (k at least 0) at or after {@code instant}. */
    static Instant onOrAfter(Instant anchor, Duration step, Instant instant) {
        if (!instant.isAfter(anchor)) {
            return anchor;
        }
        Duration past = Duration.between(anchor, instant);
        long steps = past.dividedBy(step);
        Instant candidate = anchor.plus(step.multipliedBy(steps));
        return candidate.isBefore(instant) ? candidate.plus(step) : candidate;
    }

    /** The overlaps of two sorted lists of disjoint intervals, sorted. */
    static List<TimeSlot> intersection(List<TimeSlot> a, List<TimeSlot> b) {
        List<TimeSlot> both = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Instant start = a.get(i).start().isAfter(b.get(j).start()) ? a.get(i).start() : b.get(j).start();
            Instant end = a.get(i).end().isBefore(b.get(j).end()) ? a.get(i).end() : b.get(j).end();
            if (end.isAfter(start)) {
                both.add(new TimeSlot(start, end));
            }
            if (a.get(i).end().isBefore(b.get(j).end())) {
                i++;
            } else {
                j++;
            }
        }
        return both;
    }

    /** Sorted, with overlapping and touching intervals made one. */
    static List<TimeSlot> merged(List<TimeSlot> slots) {
        List<TimeSlot> sorted = new ArrayList<>(slots);
        sorted.sort(Comparator.comparing(TimeSlot::start));
        List<TimeSlot> merged = new ArrayList<>();
        for (TimeSlot slot : sorted) {
            TimeSlot last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !slot.start().isAfter(last.end())) {
                if (slot.end().isAfter(last.end())) {
                    merged.set(merged.size() - 1, new TimeSlot(last.start(), slot.end()));
                }
            } else {
                merged.add(slot);
            }
        }
        return merged;
    }

    /** One calendar's busy intervals, merged and sorted, and the time it keeps between appointments. */
    private static final class Busy {

        private final Instant[] starts;
        private final Instant[] ends;
        private final Duration separation;

        Busy(List<TimeSlot> merged, Duration separation) {
            this.starts = merged.stream().map(TimeSlot::start).toArray(Instant[]::new);
            this.ends = merged.stream().map(TimeSlot::end).toArray(Instant[]::new);
            this.separation = separation;
        }

        /**
         * Null when {@code [start, end)} keeps its distance from everything busy; else the earliest a slot may start
         * to clear the interval in its way. The interval that starts last before the widened slot ends is the only
         * one that can reach into it: the ones before it end before it starts.
         */
        Instant freeFrom(Instant start, Instant end) {
            Instant widenedStart = start.minus(separation);
            Instant widenedEnd = end.plus(separation);
            int index = Arrays.binarySearch(starts, widenedEnd);
            int last = index >= 0 ? index - 1 : -index - 2;
            if (last < 0 || !ends[last].isAfter(widenedStart)) {
                return null;
            }
            return ends[last].plus(separation);
        }
    }
}
