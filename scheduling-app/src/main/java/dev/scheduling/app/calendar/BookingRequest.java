package dev.scheduling.app.calendar;

/**
 * Body of a booking. Times are strings here so that a time without an offset gets a precise field error.
 * {@code overrideAvailability}: book outside the calendar's hours, notice and horizon (front desk and admin only).
 */
public record BookingRequest(String start, String end, String title, String location, String timeZone,
                             Boolean overrideAvailability) {
}
