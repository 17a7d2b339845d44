package dev.scheduling.app.audit;

import java.time.Instant;
import java.util.List;

/** A calendar as it stood at {@code asOf}: its booked appointments with the slots they had then. */
public record CalendarAsOf(String userId, Instant asOf, Long lastSequence, List<Entry> appointments) {

    public record Entry(String id, Instant start, Instant end, String title, String location, String timeZone) {
    }
}
