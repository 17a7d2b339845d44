package dev.scheduling.projections.dynamodb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as fixed-width UTC strings ({@code 2026-12-01T14:00:00.000000000Z}), so that DynamoDB's string order
 * is time order. Years 1970-9999 only, which is all the API accepts.
 */
public final class UtcInstants {

    private static final DateTimeFormatter FIXED_WIDTH =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private UtcInstants() {
    }

    public static String format(Instant instant) {
        return FIXED_WIDTH.format(clamp(instant));
    }

    public static Instant parse(String text) {
        return Instant.parse(text);
    }

    private static Instant clamp(Instant instant) {
        return instant.isBefore(EARLIEST) ? EARLIEST : instant.isAfter(LATEST) ? LATEST : instant;
    }
}
