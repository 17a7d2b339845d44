package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Moves an appointment; {@code overrideAvailability} as for {@link BookAppointment}.
 *
 * @param participants a visit's calendars, when it moves on every one of them at once; empty otherwise (an
 *                     appointment of several calendars never moves on one alone: it would stay on the others)
 */
public record RescheduleAppointment(@TargetAggregateIdentifier UserId userId, AppointmentId appointmentId,
                                    TimeSlot newSlot, Instant requestedAt, boolean overrideAvailability,
                                    List<Participant> participants) {

    public RescheduleAppointment {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    public RescheduleAppointment(UserId userId, AppointmentId appointmentId, TimeSlot newSlot, Instant requestedAt,
                                 boolean overrideAvailability) {
        this(userId, appointmentId, newSlot, requestedAt, overrideAvailability, List.of());
    }

    public RescheduleAppointment(UserId userId, AppointmentId appointmentId, TimeSlot newSlot, Instant requestedAt) {
        this(userId, appointmentId, newSlot, requestedAt, false);
    }
}
