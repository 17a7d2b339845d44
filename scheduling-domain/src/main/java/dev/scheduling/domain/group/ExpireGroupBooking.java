package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The holds' time is up: a booking still pending gives up. */
public record ExpireGroupBooking(@TargetAggregateIdentifier AppointmentId appointmentId) {
}
