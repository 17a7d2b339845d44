package dev.scheduling.app.calendar;

/** Body of a booking. Times are strings here so that a time without an offset gets a precise field error. */
public record BookingRequest(String start, String end, String title, String location, String timeZone) {
}
