package dev.scheduling.app.group;

import java.util.List;

/**
 * Body of {@code POST /holds}: the slot to keep on every participant's calendar for a booking form, for {@code ttl}
 * (ISO-8601, {@code PT5S} to {@code PT15M}; {@code PT5M} when left out). {@code overrideAvailability} as for a booking.
 */
public record GroupHoldRequest(List<GroupBookingRequest.ParticipantRequest> participants, String start, String end,
                               String ttl, Boolean overrideAvailability) {
}
