package dev.scheduling.app.calendar;

public record RescheduleRequest(String start, String end) {
}
