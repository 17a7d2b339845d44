package dev.scheduling.app.web;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.UserId;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads a request's fields one by one, collecting everything wrong with them, so that a client learns of all its
 * mistakes in one answer. Call {@link #validate()} before using any value read.
 */
public final class RequestFields {

    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]+");
    private static final Set<String> ZONE_IDS = ZoneId.getAvailableZoneIds();
    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 9999;
    private static final String INSTANT_RULE =
            "must be an ISO-8601 date-time with an offset, e.g. 2026-12-01T14:00:00Z or 2026-12-01T15:00:00+01:00";

    private final List<FieldError> errors = new ArrayList<>();

    public UserId userId(String value) {
        if (!UserId.isValid(value)) {
            return reject("userId", UserId.RULE);
        }
        return new UserId(value);
    }

    public AppointmentId appointmentId(String value) {
        try {
            return new AppointmentId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return reject("appointmentId", "must be a UUID");
        }
    }

    public Instant instant(String field, String value) {
        if (value == null) {
            return reject(field, "is required");
        }
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return reject(field, INSTANT_RULE);
        }
        // in UTC, as it is stored: 9999-12-31T23:00:00-05:00 is in the year 10000
        int utcYear = parsed.withOffsetSameInstant(ZoneOffset.UTC).getYear();
        if (utcYear < MIN_YEAR || utcYear > MAX_YEAR) {
            return reject(field, "must lie in the years " + MIN_YEAR + " to " + MAX_YEAR + " (UTC)");
        }
        return parsed.toInstant();
    }

    /** A half-open range {@code [from, to)} of query parameters {@code from} and {@code to}, either optional. */
    public record TimeRange(Instant from, Instant to) {
    }

    public TimeRange timeRange(String from, String to, boolean required) {
        Instant fromInstant = from == null && !required ? null : instant("from", from);
        Instant toInstant = to == null && !required ? null : instant("to", to);
        if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
            reject("to", "must be after from");
        }
        return new TimeRange(fromInstant, toInstant);
    }

    public ZoneId timeZone(String field, String value) {
        if (value == null) {
            return AppointmentDetails.DEFAULT_TIME_ZONE;
        }
        if (!ZONE_IDS.contains(value)) {
            return reject(field, "must be an IANA time zone id, e.g. Europe/Amsterdam or UTC");
        }
        return ZoneId.of(value);
    }

    public String text(String field, String value) {
        if (value != null && value.length() > AppointmentDetails.MAX_TEXT_LENGTH) {
            return reject(field, "must be at most " + AppointmentDetails.MAX_TEXT_LENGTH + " characters");
        }
        if (value != null && value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            return reject(field, "must not contain control characters");
        }
        return value;
    }

    public String header(String name, String value, int maxLength, boolean visibleAsciiOnly) {
        if (value == null) {
            return null;
        }
        Pattern allowed = visibleAsciiOnly ? VISIBLE_ASCII : PRINTABLE;
        if (value.isEmpty() || value.length() > maxLength || !allowed.matcher(value).matches()) {
            return reject(name, "must be 1-" + maxLength
                    + (visibleAsciiOnly ? " visible ASCII characters" : " characters without control characters"));
        }
        return value;
    }

    /** A page size: {@code defaultSize} when not given, else a whole number from 1 to {@code maxSize}. */
    public int pageSize(String pageSize, int defaultSize, int maxSize) {
        return count("pageSize", pageSize, defaultSize, maxSize);
    }

    /** A count in parameter {@code field}: {@code defaultValue} when not given, else a whole number from 1 to {@code max}. */
    public int count(String field, String value, int defaultValue, int max) {
        if (value == null) {
            return defaultValue;
        }
        try {
            int count = Integer.parseInt(value);
            if (count >= 1 && count <= max) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        reject(field, "must be a whole number from 1 to " + max);
        return defaultValue;
    }

    /** Records an error the caller found in a field itself; returns null in place of the field's value. */
    public <T> T reject(String field, String message) {
        errors.add(new FieldError(field, message));
        return null;
    }

    public void reject(List<FieldError> more) {
        errors.addAll(more);
    }

    /** How many errors were recorded so far: a reader of a part of a request can tell whether it found any. */
    public int errorCount() {
        return errors.size();
    }

    public void validate() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
