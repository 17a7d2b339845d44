package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Moves an appointment; {@code overrideAvailability} as for {@link BookAppointment}. */
public record RescheduleAppointment(@TargetAggregateIdentifier UserId userId, AppointmentId appointmentId,
                                    TimeSlot newSlot, Instant requestedAt, boolean overrideAvailability) {

    public RescheduleAppointment(UserId userId, AppointmentId appointmentId, TimeSlot newSlot, Instant requestedAt) {
        this(userId, appointmentId, newSlot, requestedAt, false);
    }
}
