package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A booking form's hold: {@code slot} is busy on every calendar of {@code participants} until {@code expiresAt},
 * kept for {@code heldBy}, who may book it or give it up. No personal data: the details come with its booking.
 */
@Revision("1")
public record VisitHeld(AppointmentId appointmentId, List<Participant> participants, TimeSlot slot, Instant expiresAt,
                        String heldBy) implements VisitEvent {

    @Override
    public List<String> personalDataOf() {
        return List.of();
    }
}
