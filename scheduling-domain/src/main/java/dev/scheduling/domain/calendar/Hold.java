package dev.scheduling.domain.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A slot kept busy on a calendar for a booking that is not made yet (an appointment with several participants being
 * placed on each calendar in turn, or a booking form's slot): busy time like an appointment, with its buffers, until
 * it is confirmed into that appointment, released, or lapses at {@code expiresAt}.
 *
 * @param id              the id of the appointment it will become
 * @param overriddenRules the codes of the availability rules its placing was allowed to break, which the appointment
 *                        records when it is confirmed
 * @param lasting         a booking form's hold, kept until it is booked: shown as busy by slot search (the holds of a
 *                        booking or a move being placed last only while it is decided, and are not)
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
