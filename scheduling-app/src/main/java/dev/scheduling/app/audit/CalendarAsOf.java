package dev.scheduling.app.audit;

import dev.scheduling.app.availability.AvailabilityDocument;

import java.time.Instant;
import java.util.List;

/**
 * A calendar as it stood at {@code asOf}: its booked appointments with the slots they had then, and the availability
 * rules then in force ({@code availability} null: none, open at all times).
 */
public record CalendarAsOf(String userId, Instant asOf, Long lastSequence, List<Entry> appointments,
                           AvailabilityDocument availability) {

    public record Entry(String id, Instant start, Instant end, String title, String location, String timeZone) {
    }
}
