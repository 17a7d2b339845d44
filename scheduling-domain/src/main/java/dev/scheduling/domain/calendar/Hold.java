package dev.scheduling.domain.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A slot kept busy on a calendar for a visit that is not booked yet (a booking form's hold, placed on every calendar
 * of the visit at once): busy time like an appointment, with its buffers, until it is confirmed into that
 * appointment, released, or lapses at {@code expiresAt}.
 *
 * @param id              the id of the appointment it will become
 * @param overriddenRules the codes of the availability rules its placing was allowed to break, which the appointment
 *                        records when it is confirmed
 * @param lasting         shown as busy by slot search: every hold placed now; false only for the holds the booking
 *                        process placed while it decided a visit, before visits were decided in one transaction
 */
public record Hold(AppointmentId id, TimeSlot slot, Instant expiresAt, List<String> overriddenRules, boolean lasting) {

    public Hold(AppointmentId id, TimeSlot slot, Instant expiresAt, List<String> overriddenRules) {
        this(id, slot, expiresAt, overriddenRules, false);
    }

    public Hold {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(expiresAt, "expiresAt");
        overriddenRules = overriddenRules == null ? List.of() : List.copyOf(overriddenRules);
    }

    /** Whether the hold no longer keeps its slot at {@code instant}: from {@code expiresAt} on. */
    public boolean hasLapsedAt(Instant instant) {
        return !instant.isBefore(expiresAt);
    }
}
