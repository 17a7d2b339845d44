package dev.scheduling.app.audit;

import java.util.List;

public record HistoryPage(String userId, List<HistoryEntry> events, String nextPageToken) {
}
