package dev.scheduling.domain.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Opening hours on one day, in local wall-clock time: {@code [start, end)}. An {@code end} of {@code 00:00} is the end
 * of the day ({@code "24:00"} in the API), so {@code 00:00-00:00} is the whole day.
 * <p>
 * On a day with a change of clocks a time is resolved as {@link ZonedDateTime#of(LocalDate, LocalTime, ZoneId)}
 * resolves it: one in a spring-forward gap moves forward by the length of the gap (02:30 becomes 03:30), one in an
 * autumn repeat is the earlier of its two instants. So hours wholly inside a gap move forward by the gap as a block,
 * and hours that start in a gap and end at its end or just after it (02:30-03:00 where 02:00 becomes 03:00) resolve
 * to nothing: closed that day.
 */
public record HoursRange(LocalTime start, LocalTime end) implements Comparable<HoursRange> {

    public HoursRange {
        if (start == null || end == null) {
            throw new InvalidValueException("hours", "need a start and an end");
        }
        if (!endsAtMidnight(end) && !end.isAfter(start)) {
            throw new InvalidValueException("hours", "must end after they start");
        }
    }

    /** Whether this range runs to the end of its day. */
    public boolean endsAtMidnight() {
        return endsAtMidnight(end);
    }

    /** Whether this range and {@code other}, on the same day, share a moment (touching ones do not). */
    public boolean overlaps(HoursRange other) {
        return start.isBefore(other.endOfDayAware()) && other.start.isBefore(endOfDayAware());
    }

    /** The first instant of this range on {@code date}. */
    Instant startOn(LocalDate date, ZoneId zone) {
        return ZonedDateTime.of(date, start, zone).toInstant();
    }

    /** The instant this range ends on {@code date} (the next day's first instant when it runs to midnight). */
    Instant endOn(LocalDate date, ZoneId zone) {
        return endsAtMidnight()
                ? ZonedDateTime.of(date.plusDays(1), LocalTime.MIDNIGHT, zone).toInstant()
                : ZonedDateTime.of(date, end, zone).toInstant();
    }

    @Override
    public int compareTo(HoursRange other) {
        return start.compareTo(other.start);
    }

    /** A time after every other, for comparisons: the end of the day. */
    private LocalTime endOfDayAware() {
        return endsAtMidnight() ? LocalTime.MAX : end;
    }

    private static boolean endsAtMidnight(LocalTime end) {
        return end.equals(LocalTime.MIDNIGHT);
    }

    /** As the API writes it: {@code 09:00-17:00}, {@code 22:00-24:00}. */
    @Override
    public String toString() {
        return start + "-" + (endsAtMidnight() ? "24:00" : end.toString());
    }
}
