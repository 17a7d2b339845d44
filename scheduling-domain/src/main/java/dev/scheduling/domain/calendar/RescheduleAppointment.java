package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RescheduleAppointment(@TargetAggregateIdentifier UserId userId, AppointmentId appointmentId,
                                    TimeSlot newSlot, Instant requestedAt) {
}
