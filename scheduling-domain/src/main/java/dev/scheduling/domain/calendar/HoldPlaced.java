package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * {@code slot} is busy on the calendar for appointment {@code appointmentId} until it is confirmed or released, or
 * until {@code expiresAt}.
 *
 * @param overriddenRules the codes of the availability rules the hold was allowed to break; empty for nearly all
 * @param lasting         see {@link Hold#lasting()}
 */
@Revision("1")
public record HoldPlaced(UserId userId, AppointmentId appointmentId, TimeSlot slot, Instant expiresAt,
                         List<String> overriddenRules, boolean lasting) implements CalendarEvent {

    public HoldPlaced(UserId userId, AppointmentId appointmentId, TimeSlot slot, Instant expiresAt,
                      List<String> overriddenRules) {
        this(userId, appointmentId, slot, expiresAt, overriddenRules, false);
    }

    public HoldPlaced {
        overriddenRules = overriddenRules == null ? List.of() : List.copyOf(overriddenRules);
    }
}
