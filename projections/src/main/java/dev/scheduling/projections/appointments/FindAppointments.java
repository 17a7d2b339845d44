package dev.scheduling.projections.appointments;

import java.time.Instant;

/**
 * One page of a user's appointments that overlap {@code [from, to)} (either bound may be null: open), sorted by
 * start. {@code pageToken} continues an earlier page; null for the first.
 */
public record FindAppointments(String userId, Instant from, Instant to, StatusFilter status, int pageSize,
                               PageToken pageToken) {
}
