package dev.scheduling.app.http;

public record RescheduleRequest(String start, String end) {
}
