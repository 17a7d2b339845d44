package dev.scheduling.domain.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * When a calendar can be booked: weekly hours in local wall-clock time of {@code timeZone}, dates whose hours differ
 * ({@code overrides}; no hours: closed that day), the time kept free around every appointment, how far ahead a booking
 * must and may be made, and whether anyone may see the calendar's free slots. A weekday left out is closed.
 * <p>
 * Windows that touch (Monday 22:00-24:00 and Tuesday 00:00-06:00, or 09:00-12:00 and 12:00-13:00) are one window. A
 * slot is open when one window holds all of it. Buffers keep other appointments out, not other buffers: with
 * {@code bufferBefore} 5 minutes and {@code bufferAfter} 10, two appointments are at least 10 minutes apart
 * ({@link #separation()}).
 * <p>
 * Built only valid ({@link #violations} lists what is wrong with given values, for an answer that names every field);
 * the hours of each day sorted. Carries no personal data.
 *
 * @param bookingHorizon how far after the request a booking may start; null: no limit
 */
public record AvailabilityRules(ZoneId timeZone, Map<DayOfWeek, List<HoursRange>> weekly,
                                Map<LocalDate, List<HoursRange>> overrides, Duration bufferBefore,
                                Duration bufferAfter, Duration minimumNotice, Duration bookingHorizon,
                                boolean published) {

    public static final int MAX_RANGES_A_DAY = 12;
    /** With the hours of each, as many dates as the service's 16 KB of request body hold. */
    public static final int MAX_OVERRIDES = 200;
    public static final Duration MAX_BUFFER = Duration.ofHours(24);
    public static final Duration MAX_NOTICE = Duration.ofDays(366);
    public static final Duration MAX_HORIZON = Duration.ofDays(3660);
    public static final int MIN_YEAR = 1970;
    public static final int MAX_YEAR = 9999;

    /** What is wrong with one field of given rules: {@code weekly.MONDAY[1]}, {@code bufferAfter}. */
    public record Violation(String field, String reason) {
    }

    public AvailabilityRules {
        bufferBefore = bufferBefore == null ? Duration.ZERO : bufferBefore;
        bufferAfter = bufferAfter == null ? Duration.ZERO : bufferAfter;
        minimumNotice = minimumNotice == null ? Duration.ZERO : minimumNotice;
        overrides = overrides == null ? Map.of() : overrides;
        List<Violation> violations = violations(timeZone, weekly, overrides, bufferBefore, bufferAfter, minimumNotice,
                bookingHorizon);
        if (!violations.isEmpty()) {
            throw new InvalidValueException(violations.get(0).field(), violations.get(0).reason());
        }
        EnumMap<DayOfWeek, List<HoursRange>> sortedWeekly = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, hours) -> sortedWeekly.put(day, sorted(hours)));
        TreeMap<LocalDate, List<HoursRange>> sortedOverrides = new TreeMap<>();
        overrides.forEach((date, hours) -> sortedOverrides.put(date, sorted(hours)));
        weekly = Collections.unmodifiableMap(sortedWeekly);
        overrides = Collections.unmodifiableMap(sortedOverrides);
    }

    /** Everything wrong with these values, each naming its field; empty when they make valid rules. */
    public static List<Violation> violations(ZoneId timeZone, Map<DayOfWeek, List<HoursRange>> weekly,
                                             Map<LocalDate, List<HoursRange>> overrides, Duration bufferBefore,
                                             Duration bufferAfter, Duration minimumNotice, Duration bookingHorizon) {
        List<Violation> found = new ArrayList<>();
        if (timeZone == null) {
            found.add(new Violation("timeZone", "is required"));
        }
        if (weekly == null) {
            found.add(new Violation("weekly", "is required (a weekday left out is closed; {} is closed every day)"));
        } else {
            weekly.forEach((day, hours) -> checkDay("weekly." + day, hours, found));
        }
        if (overrides != null) {
            if (overrides.size() > MAX_OVERRIDES) {
                found.add(new Violation("overrides", "may name at most " + MAX_OVERRIDES + " dates"));
            }
            overrides.forEach((date, hours) -> {
                if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
                    found.add(new Violation("overrides." + date, "must lie in the years " + MIN_YEAR + " to " + MAX_YEAR));
                }
                checkDay("overrides." + date, hours, found);
            });
        }
        checkDuration("bufferBefore", bufferBefore, MAX_BUFFER, found);
        checkDuration("bufferAfter", bufferAfter, MAX_BUFFER, found);
        checkDuration("minimumNotice", minimumNotice, MAX_NOTICE, found);
        if (bookingHorizon != null) {
            checkDuration("bookingHorizon", bookingHorizon, MAX_HORIZON, found);
            if (minimumNotice != null && bookingHorizon.compareTo(minimumNotice) <= 0) {
                found.add(new Violation("bookingHorizon", "must be longer than minimumNotice, or nothing could be booked"));
            }
        }
        return found;
    }

    /** The hours of {@code date}: its override if it has one, else its weekday's; empty when closed. */
    public List<HoursRange> hoursOn(LocalDate date) {
        List<HoursRange> override = overrides.get(date);
        if (override != null) {
            return override;
        }
        return weekly.getOrDefault(date.getDayOfWeek(), List.of());
    }

    /**
     * Whether one window holds all of {@code slot}: the hours of the slot's first local day hold its start, and it
     * stays open, through touching hours of that day and the next ones, until its end. A few look-ups in the rules,
     * whatever the size of the calendar.
     */
    public boolean isOpenThroughout(TimeSlot slot) {
        LocalDate day = LocalDate.ofInstant(slot.start(), timeZone);
        List<HoursRange> hours = hoursOn(day);
        int index = 0;
        Instant openUntil = null;
        for (; index < hours.size(); index++) {
            HoursRange range = hours.get(index);
            Instant start = range.startOn(day, timeZone);
            Instant end = range.endOn(day, timeZone);
            if (!start.isAfter(slot.start()) && end.isAfter(slot.start())) {
                openUntil = end;
                index++;
                break;
            }
        }
        // a slot may run into the hours that follow without a gap, on this day or the next ones
        while (openUntil != null && openUntil.isBefore(slot.end())) {
            if (index == hours.size()) {
                day = day.plusDays(1);
                hours = hoursOn(day);
                index = 0;
                if (hours.isEmpty()) {
                    return false;
                }
            }
            HoursRange next = hours.get(index++);
            Instant nextStart = next.startOn(day, timeZone);
            if (nextStart.isAfter(openUntil)) {
                return false;
            }
            Instant nextEnd = next.endOn(day, timeZone);
            if (nextEnd.isAfter(openUntil)) {
                openUntil = nextEnd;
            }
        }
        return openUntil != null;
    }

    /**
     * The open windows, merged where they touch, that overlap {@code [from, to)}, in order. A window already open at
     * the start of the local day before {@code from} is taken to start then.
     */
    public List<TimeSlot> windows(Instant from, Instant to) {
        List<TimeSlot> hours = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to, timeZone);
        for (LocalDate day = LocalDate.ofInstant(from, timeZone).minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            for (HoursRange range : hoursOn(day)) {
                Instant start = range.startOn(day, timeZone);
                Instant end = range.endOn(day, timeZone);
                if (end.isAfter(start)) { // not hours that fall in a gap of the clocks
                    hours.add(new TimeSlot(start, end));
                }
            }
        }
        // in the order of their instants: hours in a gap of the clocks are moved past the gap, after later hours
        hours.sort(Comparator.comparing(TimeSlot::start));
        List<TimeSlot> windows = new ArrayList<>();
        Instant windowStart = null;
        Instant windowEnd = null;
        for (TimeSlot slot : hours) {
            if (windowEnd != null && !slot.start().isAfter(windowEnd)) {
                windowEnd = slot.end().isAfter(windowEnd) ? slot.end() : windowEnd;
                continue;
            }
            addIfOverlapping(windows, windowStart, windowEnd, from, to);
            windowStart = slot.start();
            windowEnd = slot.end();
        }
        addIfOverlapping(windows, windowStart, windowEnd, from, to);
        return windows;
    }

    private static void addIfOverlapping(List<TimeSlot> windows, Instant start, Instant end, Instant from, Instant to) {
        if (start != null && end.isAfter(from) && start.isBefore(to)) {
            windows.add(new TimeSlot(start, end));
        }
    }

    /** The least time between two appointments of the calendar. */
    public Duration separation() {
        return bufferBefore.compareTo(bufferAfter) >= 0 ? bufferBefore : bufferAfter;
    }

    /** The earliest a booking made at {@code requestedAt} may start. */
    public Instant earliestStart(Instant requestedAt) {
        return requestedAt.plus(minimumNotice);
    }

    /** The latest a booking made at {@code requestedAt} may start; null when there is no horizon. */
    public Instant latestStart(Instant requestedAt) {
        return bookingHorizon == null ? null : requestedAt.plus(bookingHorizon);
    }

    private static void checkDay(String field, List<HoursRange> hours, List<Violation> found) {
        if (hours == null) {
            found.add(new Violation(field, "must be a list of hours ([] for closed)"));
            return;
        }
        if (hours.size() > MAX_RANGES_A_DAY) {
            found.add(new Violation(field, "may hold at most " + MAX_RANGES_A_DAY + " ranges of hours"));
            return;
        }
        if (hours.stream().anyMatch(Objects::isNull)) {
            found.add(new Violation(field, "must not hold null"));
            return;
        }
        List<HoursRange> ordered = sorted(hours);
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i - 1).overlaps(ordered.get(i))) {
                found.add(new Violation(field, "has overlapping hours " + ordered.get(i - 1) + " and " + ordered.get(i)));
            }
        }
    }

    private static void checkDuration(String field, Duration value, Duration max, List<Violation> found) {
        if (value != null && value.isNegative()) {
            found.add(new Violation(field, "must not be negative"));
        } else if (value != null && value.compareTo(max) > 0) {
            found.add(new Violation(field, "must be at most " + (max.toSeconds() % 86_400 == 0
                    ? "P" + max.toDays() + "D" : max.toString())));
        }
    }

    private static List<HoursRange> sorted(List<HoursRange> hours) {
        List<HoursRange> ordered = new ArrayList<>(hours);
        Collections.sort(ordered);
        return List.copyOf(ordered);
    }
}
