package dev.scheduling.app.support;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Request bodies for tests: {@code Bookings.at(day(3).plusHours(9), Duration.ofHours(1)).title("x").json()}. */
public final class Bookings {

    private Instant start;
    private Instant end;
    private String title;
    private String location;
    private String timeZone;

    private Bookings(Instant start, Instant end) {
        this.start = start;
        this.end = end;
    }

    /** Midnight UTC of the day this test run started: the same for every test, even across midnight. */
    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);

    /** Midnight UTC, {@code days} from the day the run started: comfortably in the future for any test run. */
    public static Instant day(int days) {
        return TODAY.plus(Duration.ofDays(days));
    }

    public static Bookings at(Instant start, Duration length) {
        return new Bookings(start, start.plus(length));
    }

    public static Bookings between(Instant start, Instant end) {
        return new Bookings(start, end);
    }

    public Bookings title(String title) {
        this.title = title;
        return this;
    }

    public Bookings location(String location) {
        this.location = location;
        return this;
    }

    public Bookings timeZone(String timeZone) {
        this.timeZone = timeZone;
        return this;
    }

    public String json() {
        StringBuilder json = new StringBuilder("{\"start\":\"").append(start).append("\",\"end\":\"").append(end).append('"');
        if (title != null) {
            json.append(",\"title\":\"").append(title).append('"');
        }
        if (location != null) {
            json.append(",\"location\":\"").append(location).append('"');
        }
        if (timeZone != null) {
            json.append(",\"timeZone\":\"").append(timeZone).append('"');
        }
        return json.append('}').toString();
    }
}
