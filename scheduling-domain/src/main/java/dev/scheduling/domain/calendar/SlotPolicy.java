package dev.scheduling.domain.calendar;

import java.time.Duration;
import java.time.Instant;

/** What a slot must satisfy to be booked or moved into, apart from not overlapping: not in the past, not too long. */
public record SlotPolicy(Duration maxDuration) {

    public SlotPolicy {
        if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive");
        }
    }

    public void check(TimeSlot slot, Instant requestedAt) {
        if (slot.start().isBefore(requestedAt)) {
            throw new StartInPastException(slot.start(), requestedAt);
        }
        if (slot.duration().compareTo(maxDuration) > 0) {
            throw new AppointmentTooLongException(slot.duration(), maxDuration);
        }
    }
}
