package dev.scheduling.app.calendar;

/** Body of a move; {@code overrideAvailability} as for a booking. */
public record RescheduleRequest(String start, String end, Boolean overrideAvailability) {
}
