package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Books the slot a live hold keeps on every calendar, as the appointment of the hold's id, with {@code details}. A
 * hold that expired by {@code requestedAt}, was released or booked otherwise is refused ({@code hold-expired}).
 */
public record BookHeldVisit(@TargetAggregateIdentifier AppointmentId appointmentId, AppointmentDetails details,
                            Instant requestedAt) {
}
