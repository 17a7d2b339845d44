package dev.scheduling.app.visit;

import java.util.List;

/**
 * Body of {@code POST /holds}: the slot to keep on every participant's calendar for a booking form, for {@code ttl}
 * (ISO-8601, {@code PT5S} to {@code PT15M}; {@code PT5M} when left out). {@code overrideAvailability} as for a visit.
 */
public record HoldRequest(List<VisitRequest.ParticipantRequest> participants, String start, String end, String ttl,
                          Boolean overrideAvailability) {
}
