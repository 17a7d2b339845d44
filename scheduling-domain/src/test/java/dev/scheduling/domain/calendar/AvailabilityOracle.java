package dev.scheduling.domain.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a calendar with rules should decide, worked out the slow and obvious way, on purpose unlike the calendar's
 * own code: every window of every day around the slot expanded and merged, every other appointment compared with the
 * slot and both buffers. The property tests hold the calendar and the slot search to it.
 */
final class AvailabilityOracle {

    private AvailabilityOracle() {
    }

    /** The code the calendar should refuse a booking of {@code slot} at {@code now} with, or "accepted". */
    static String booking(AvailabilityRules rules, List<TimeSlot> others, TimeSlot slot, Instant now) {
        if (slot.start().isBefore(now)) {
            return "start-in-past";
        }
        if (rules != null) {
            if (!isOpen(rules, slot)) {
                return "outside-availability";
            }
            if (slot.start().isBefore(now.plus(rules.minimumNotice()))) {
                return "notice-too-short";
            }
            if (rules.bookingHorizon() != null && slot.start().isAfter(now.plus(rules.bookingHorizon()))) {
                return "beyond-booking-horizon";
            }
        }
        return conflicts(rules, others, slot) ? "appointment-overlap" : "accepted";
    }

    /** Whether the slot comes too close to any other: its buffers hold another, or it lies in another's buffers. */
    static boolean conflicts(AvailabilityRules rules, List<TimeSlot> others, TimeSlot slot) {
        Duration before = rules == null ? Duration.ZERO : rules.bufferBefore();
        Duration after = rules == null ? Duration.ZERO : rules.bufferAfter();
        TimeSlot slotWithBuffers = new TimeSlot(slot.start().minus(before), slot.end().plus(after));
        for (TimeSlot other : others) {
            TimeSlot otherWithBuffers = new TimeSlot(other.start().minus(before), other.end().plus(after));
            if (slotWithBuffers.overlaps(other) || otherWithBuffers.overlaps(slot)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one merged window, of all the windows of the days around it, holds the whole slot. */
    static boolean isOpen(AvailabilityRules rules, TimeSlot slot) {
        LocalDate first = LocalDate.ofInstant(slot.start(), rules.timeZone()).minusDays(2);
        LocalDate last = LocalDate.ofInstant(slot.end(), rules.timeZone()).plusDays(2);
        return merged(expanded(rules, first, last)).stream()
                .anyMatch(window -> !window.start().isAfter(slot.start()) && !window.end().isBefore(slot.end()));
    }

    /** The merged windows of the days {@code first} to {@code last}. */
    static List<TimeSlot> windows(AvailabilityRules rules, LocalDate first, LocalDate last) {
        return merged(expanded(rules, first, last));
    }

    private static List<TimeSlot> expanded(AvailabilityRules rules, LocalDate first, LocalDate last) {
        List<TimeSlot> windows = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            List<HoursRange> hours = rules.overrides().containsKey(day) ? rules.overrides().get(day)
                    : rules.weekly().getOrDefault(day.getDayOfWeek(), List.of());
            for (HoursRange range : hours) {
                Instant start = ZonedDateTime.of(day, range.start(), rules.timeZone()).toInstant();
                Instant end = range.end().equals(LocalTime.MIDNIGHT)
                        ? ZonedDateTime.of(day.plusDays(1), LocalTime.MIDNIGHT, rules.timeZone()).toInstant()
                        : ZonedDateTime.of(day, range.end(), rules.timeZone()).toInstant();
                if (end.isAfter(start)) {
                    windows.add(new TimeSlot(start, end));
                }
            }
        }
        return windows;
    }

    private static List<TimeSlot> merged(List<TimeSlot> windows) {
        List<TimeSlot> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparing(TimeSlot::start));
        List<TimeSlot> merged = new ArrayList<>();
        for (TimeSlot window : sorted) {
            int last = merged.size() - 1;
            if (last >= 0 && !window.start().isAfter(merged.get(last).end())) {
                Instant end = window.end().isAfter(merged.get(last).end()) ? window.end() : merged.get(last).end();
                merged.set(last, new TimeSlot(merged.get(last).start(), end));
            } else {
                merged.add(window);
            }
        }
        return merged;
    }
}
