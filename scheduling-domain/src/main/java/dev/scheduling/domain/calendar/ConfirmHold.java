package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

import java.util.List;

/**
 * Books the held slot as appointment {@code appointmentId} with {@code details}: the appointment takes the hold's
 * place, so nothing can come between. A hold that lapsed before {@code requestedAt}, was released or was never placed
 * is refused with {@link HoldExpiredException}; confirming again once booked with the same details changes nothing.
 *
 * @param participants every calendar the appointment is on, with its role (recorded on the booking)
 */
public record ConfirmHold(@TargetAggregateIdentifier UserId userId, AppointmentId appointmentId,
                          AppointmentDetails details, Instant requestedAt, List<Participant> participants) {

    public ConfirmHold(UserId userId, AppointmentId appointmentId, AppointmentDetails details, Instant requestedAt) {
        this(userId, appointmentId, details, requestedAt, List.of());
    }
}
