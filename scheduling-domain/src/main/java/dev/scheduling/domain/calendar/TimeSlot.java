package dev.scheduling.domain.calendar;

import java.time.Duration;
import java.time.Instant;

/** A half-open interval {@code [start, end)}: a slot that ends when another starts does not overlap it. */
public record TimeSlot(Instant start, Instant end) {

    public TimeSlot {
        if (start == null || end == null) {
            throw new InvalidTimeSlotException("start and end are required");
        }
        if (!end.isAfter(start)) {
            throw new InvalidTimeSlotException("end must be after start");
        }
    }

    public boolean overlaps(TimeSlot other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public boolean hasStartedAt(Instant instant) {
        return !start.isAfter(instant);
    }
}
