package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Books the slot a live hold keeps on every calendar, as the appointment of the hold's id with {@code details}. A hold
 * that expired, was released or was booked already is refused with
 * {@link dev.scheduling.domain.calendar.HoldExpiredException}.
 */
public record BookHeldAppointment(@TargetAggregateIdentifier AppointmentId appointmentId, AppointmentDetails details,
                                  Instant requestedAt) {
}
