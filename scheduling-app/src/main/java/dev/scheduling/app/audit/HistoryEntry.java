package dev.scheduling.app.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One event of a calendar, as auditors read it. */
public record HistoryEntry(long sequence, String type, String revision, Instant time, String actor,
                           String clientId, String correlationId, String appointmentId, JsonNode payload) {
}
