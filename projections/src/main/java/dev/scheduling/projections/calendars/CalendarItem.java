package dev.scheduling.projections.calendars;

import dev.scheduling.domain.calendar.AvailabilityRules;
import dev.scheduling.domain.calendar.HoursRange;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.projections.dynamodb.UtcInstants;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One calendar in the {@code calendars} table: its availability rules, as plain attributes (hours as
 * {@code "09:00-17:00"}, {@code "24:00"} for the end of the day; durations ISO-8601). An item without a time zone is a
 * calendar whose rules were removed; {@code version} is the calendar's sequence number of the event it shows.
 * {@code holds} are the slots the calendar keeps for appointments not booked yet, as
 * {@code "<id> <start> <end> <expiresAt>"}: busy time for slot search until they are confirmed, released or lapse
 * (lapsed ones are dropped whenever the item is written).
 */
@DynamoDbBean
public class CalendarItem {

    private String calendarId;
    private String timeZone;
    private Map<String, List<String>> weekly;
    private Map<String, List<String>> overrides;
    private String bufferBefore;
    private String bufferAfter;
    private String minimumNotice;
    private String bookingHorizon;
    private Boolean published;
    private String updatedAt;
    private Long version;
    private List<String> holds;

    /** The item of {@code calendarId} with {@code rules} (null: none), at {@code version}. */
    public static CalendarItem of(String calendarId, AvailabilityRules rules, long version, String updatedAt) {
        CalendarItem item = new CalendarItem();
        item.setCalendarId(calendarId);
        item.setVersion(version);
        item.setUpdatedAt(updatedAt);
        item.setPublished(rules != null && rules.published());
        if (rules != null) {
            item.setTimeZone(rules.timeZone().getId());
            Map<String, List<String>> weekly = new LinkedHashMap<>();
            rules.weekly().forEach((day, hours) -> weekly.put(day.name(), format(hours)));
            item.setWeekly(weekly);
            Map<String, List<String>> overrides = new LinkedHashMap<>();
            rules.overrides().forEach((date, hours) -> overrides.put(date.toString(), format(hours)));
            item.setOverrides(overrides);
            item.setBufferBefore(rules.bufferBefore().toString());
            item.setBufferAfter(rules.bufferAfter().toString());
            item.setMinimumNotice(rules.minimumNotice().toString());
            item.setBookingHorizon(rules.bookingHorizon() == null ? null : rules.bookingHorizon().toString());
        }
        return item;
    }

    /** The rules this item holds; null when the calendar has none. */
    public AvailabilityRules rules() {
        if (timeZone == null) {
            return null;
        }
        Map<DayOfWeek, List<HoursRange>> weeklyHours = new LinkedHashMap<>();
        if (weekly != null) {
            weekly.forEach((day, hours) -> weeklyHours.put(DayOfWeek.valueOf(day), parse(hours)));
        }
        Map<LocalDate, List<HoursRange>> overrideHours = new LinkedHashMap<>();
        if (overrides != null) {
            overrides.forEach((date, hours) -> overrideHours.put(LocalDate.parse(date), parse(hours)));
        }
        return new AvailabilityRules(ZoneId.of(timeZone), weeklyHours, overrideHours, Duration.parse(bufferBefore),
                Duration.parse(bufferAfter), Duration.parse(minimumNotice),
                bookingHorizon == null ? null : Duration.parse(bookingHorizon), Boolean.TRUE.equals(published));
    }

    /** The same item with the hold of {@code id} added (placed again: replaced), and the holds lapsed at {@code at} dropped. */
    public CalendarItem withHold(String id, TimeSlot slot, Instant expiresAt, Instant at) {
        List<String> kept = holdsOtherThan(id, at);
        kept.add(String.join(" ", id, UtcInstants.format(slot.start()), UtcInstants.format(slot.end()),
                UtcInstants.format(expiresAt)));
        holds = kept;
        return this;
    }

    /** The same item without the hold of {@code id} (confirmed or released), and without the holds lapsed at {@code at}. */
    public CalendarItem withoutHold(String id, Instant at) {
        List<String> kept = holdsOtherThan(id, at);
        holds = kept.isEmpty() ? null : kept;
        return this;
    }

    /** The slots of the holds still live at {@code at} that reach into [from, to). */
    public List<TimeSlot> heldSlots(Instant at, Instant from, Instant to) {
        List<TimeSlot> held = new ArrayList<>();
        for (String hold : holds == null ? List.<String>of() : holds) {
            String[] parts = hold.split(" ");
            TimeSlot slot = new TimeSlot(UtcInstants.parse(parts[1]), UtcInstants.parse(parts[2]));
            if (at.isBefore(UtcInstants.parse(parts[3])) && slot.end().isAfter(from) && slot.start().isBefore(to)) {
                held.add(slot);
            }
        }
        return held;
    }

    private List<String> holdsOtherThan(String id, Instant at) {
        List<String> kept = new ArrayList<>();
        for (String hold : holds == null ? List.<String>of() : holds) {
            String[] parts = hold.split(" ");
            if (!parts[0].equals(id) && at.isBefore(UtcInstants.parse(parts[3]))) {
                kept.add(hold);
            }
        }
        return kept;
    }

    static List<String> format(List<HoursRange> hours) {
        return hours.stream().map(HoursRange::toString).toList();
    }

    static List<HoursRange> parse(List<String> hours) {
        return hours == null ? List.of() : hours.stream().map(range -> {
            int dash = range.indexOf('-');
            String end = range.substring(dash + 1);
            return new HoursRange(LocalTime.parse(range.substring(0, dash)),
                    end.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(end));
        }).toList();
    }

    @DynamoDbPartitionKey
    public String getCalendarId() {
        return calendarId;
    }

    public void setCalendarId(String calendarId) {
        this.calendarId = calendarId;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public Map<String, List<String>> getWeekly() {
        return weekly;
    }

    public void setWeekly(Map<String, List<String>> weekly) {
        this.weekly = weekly;
    }

    public Map<String, List<String>> getOverrides() {
        return overrides;
    }

    public void setOverrides(Map<String, List<String>> overrides) {
        this.overrides = overrides;
    }

    public String getBufferBefore() {
        return bufferBefore;
    }

    public void setBufferBefore(String bufferBefore) {
        this.bufferBefore = bufferBefore;
    }

    public String getBufferAfter() {
        return bufferAfter;
    }

    public void setBufferAfter(String bufferAfter) {
        this.bufferAfter = bufferAfter;
    }

    public String getMinimumNotice() {
        return minimumNotice;
    }

    public void setMinimumNotice(String minimumNotice) {
        this.minimumNotice = minimumNotice;
    }

    public String getBookingHorizon() {
        return bookingHorizon;
    }

    public void setBookingHorizon(String bookingHorizon) {
        this.bookingHorizon = bookingHorizon;
    }

    public Boolean getPublished() {
        return published;
    }

    public void setPublished(Boolean published) {
        this.published = published;
    }

    public String getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public List<String> getHolds() {
        return holds;
    }

    public void setHolds(List<String> holds) {
        this.holds = holds;
    }
}
