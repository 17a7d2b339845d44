package dev.scheduling.app.availability;

import dev.scheduling.app.web.RequestFields;
import dev.scheduling.domain.calendar.AvailabilityRules;
import dev.scheduling.domain.calendar.HoursRange;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A calendar's availability rules as the API reads and writes them: what {@code PUT} takes and {@code GET} answers, so
 * that an answer can be sent back as it is. Hours are {@code "HH:mm"} local wall-clock times ({@code "24:00"} may end a
 * range); durations ISO-8601 ({@code PT10M}, {@code P90D}, a day being 24 hours).
 */
public record AvailabilityDocument(String timeZone, Map<String, List<Hours>> weekly, List<DateHours> overrides,
                                   String bufferBefore, String bufferAfter, String minimumNotice,
                                   String bookingHorizon, Boolean published) {

    public record Hours(String start, String end) {
    }

    public record DateHours(String date, List<Hours> hours) {
    }

    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Set<String> ZONE_IDS = ZoneId.getAvailableZoneIds();
    private static final String DURATION_RULE = "must be an ISO-8601 duration, e.g. PT10M, PT2H or P90D";

    /** The rules as the API writes them: days in week order, dates in order, whole days as {@code P<n>D}. */
    public static AvailabilityDocument of(AvailabilityRules rules) {
        Map<String, List<Hours>> weekly = new LinkedHashMap<>();
        rules.weekly().forEach((day, hours) -> weekly.put(day.name(), hours(hours)));
        List<DateHours> overrides = new ArrayList<>();
        rules.overrides().forEach((date, hours) -> overrides.add(new DateHours(date.toString(), hours(hours))));
        return new AvailabilityDocument(rules.timeZone().getId(), weekly, overrides, iso(rules.bufferBefore()),
                iso(rules.bufferAfter()), iso(rules.minimumNotice()),
                rules.bookingHorizon() == null ? null : iso(rules.bookingHorizon()), rules.published());
    }

    /**
     * The rules this document describes; every mistake in it is recorded in {@code fields} with its path
     * ({@code weekly.MONDAY[1].end}, {@code overrides[0].date}), and then null is answered.
     */
    public AvailabilityRules toRules(RequestFields fields) {
        int errorsBefore = fields.errorCount();
        ZoneId zone = zone(fields);
        Map<DayOfWeek, List<HoursRange>> weeklyHours = weeklyHours(fields);
        Map<String, String> dateFields = new HashMap<>();
        Map<LocalDate, List<HoursRange>> overrideHours = overrideHours(fields, dateFields);
        Duration before = duration(fields, "bufferBefore", bufferBefore);
        Duration after = duration(fields, "bufferAfter", bufferAfter);
        Duration notice = duration(fields, "minimumNotice", minimumNotice);
        Duration horizon = duration(fields, "bookingHorizon", bookingHorizon);
        if (fields.errorCount() > errorsBefore) {
            return null;
        }
        List<AvailabilityRules.Violation> violations = AvailabilityRules.violations(zone, weeklyHours, overrideHours,
                before, after, notice, horizon);
        violations.forEach(violation -> fields.reject(dateFields.getOrDefault(violation.field(), violation.field()),
                violation.reason()));
        if (!violations.isEmpty()) {
            return null;
        }
        return new AvailabilityRules(zone, weeklyHours, overrideHours, before, after, notice, horizon,
                Boolean.TRUE.equals(published));
    }

    private ZoneId zone(RequestFields fields) {
        if (timeZone == null) {
            return fields.reject("timeZone", "is required, e.g. Europe/Amsterdam");
        }
        if (!ZONE_IDS.contains(timeZone)) {
            return fields.reject("timeZone", "must be an IANA time zone id, e.g. Europe/Amsterdam or UTC");
        }
        return ZoneId.of(timeZone);
    }

    private Map<DayOfWeek, List<HoursRange>> weeklyHours(RequestFields fields) {
        if (weekly == null) {
            return fields.reject("weekly", "is required: hours by day, e.g. {\"MONDAY\":[{\"start\":\"09:00\",\"end\":\"17:00\"}]}"
                    + " (a day left out is closed)");
        }
        Map<DayOfWeek, List<HoursRange>> hours = new LinkedHashMap<>();
        weekly.forEach((day, ranges) -> {
            DayOfWeek weekday = weekday(day);
            if (weekday == null) {
                fields.reject("weekly." + day, "is not a day of the week: MONDAY to SUNDAY");
            } else {
                hours.put(weekday, ranges(fields, "weekly." + day, ranges));
            }
        });
        return hours;
    }

    private Map<LocalDate, List<HoursRange>> overrideHours(RequestFields fields, Map<String, String> dateFields) {
        Map<LocalDate, List<HoursRange>> hours = new LinkedHashMap<>();
        if (overrides == null) {
            return hours;
        }
        if (overrides.size() > AvailabilityRules.MAX_OVERRIDES) {
            return fields.reject("overrides", "may name at most " + AvailabilityRules.MAX_OVERRIDES + " dates");
        }
        for (int i = 0; i < overrides.size(); i++) {
            String field = "overrides[" + i + "]";
            DateHours override = overrides.get(i);
            if (override == null) {
                fields.reject(field, "must be {\"date\":..., \"hours\":[...]}");
                continue;
            }
            LocalDate date = date(fields, field + ".date", override.date());
            if (override.hours() == null) {
                fields.reject(field + ".hours", "is required ([] for closed that day)");
            }
            List<HoursRange> ranges = ranges(fields, field + ".hours", override.hours());
            if (date != null && hours.containsKey(date)) {
                fields.reject(field + ".date", "names a date named before");
            } else if (date != null) {
                hours.put(date, ranges);
                dateFields.put("overrides." + date, field);
            }
        }
        return hours;
    }

    private static List<HoursRange> ranges(RequestFields fields, String field, List<Hours> ranges) {
        List<HoursRange> parsed = new ArrayList<>();
        if (ranges == null) {
            return parsed;
        }
        if (ranges.size() > AvailabilityRules.MAX_RANGES_A_DAY) {
            return fields.reject(field, "may hold at most " + AvailabilityRules.MAX_RANGES_A_DAY + " ranges of hours");
        }
        for (int i = 0; i < ranges.size(); i++) {
            String path = field + "[" + i + "]";
            Hours range = ranges.get(i);
            if (range == null) {
                fields.reject(path, "must be {\"start\":\"HH:mm\",\"end\":\"HH:mm\"}");
                continue;
            }
            LocalTime start = time(fields, path + ".start", range.start(), false);
            LocalTime end = time(fields, path + ".end", range.end(), true);
            if (start != null && end != null) {
                if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
                    fields.reject(path + ".end", "must be after start (24:00 ends the day)");
                } else {
                    parsed.add(new HoursRange(start, end));
                }
            }
        }
        return parsed;
    }

    private static LocalTime time(RequestFields fields, String field, String value, boolean mayEndTheDay) {
        if (value == null) {
            return fields.reject(field, "is required");
        }
        if (mayEndTheDay && value.equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        if (!TIME.matcher(value).matches()) {
            return fields.reject(field, "must be a time HH:mm, 00:00 to 23:59" + (mayEndTheDay ? " or 24:00" : ""));
        }
        return LocalTime.parse(value);
    }

    private static LocalDate date(RequestFields fields, String field, String value) {
        if (value == null) {
            return fields.reject(field, "is required");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return fields.reject(field, "must be a date YYYY-MM-DD, e.g. 2027-12-24");
        }
    }

    private static Duration duration(RequestFields fields, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException | ArithmeticException e) {
            return fields.reject(field, DURATION_RULE);
        }
    }

    private static DayOfWeek weekday(String day) {
        try {
            return day == null ? null : DayOfWeek.valueOf(day);
        } catch (IllegalArgumentException | DateTimeException e) {
            return null;
        }
    }

    private static List<Hours> hours(List<HoursRange> ranges) {
        return ranges.stream().map(range -> new Hours(range.start().toString(),
                range.endsAtMidnight() ? "24:00" : range.end().toString())).toList();
    }

    /** ISO-8601, whole days as {@code P<n>D} rather than Java's {@code PT<24n>H}. */
    static String iso(Duration duration) {
        if (!duration.isZero() && !duration.isNegative() && duration.toSeconds() % 86_400 == 0 && duration.getNano() == 0) {
            return "P" + duration.toDays() + "D";
        }
        return duration.toString();
    }
}
