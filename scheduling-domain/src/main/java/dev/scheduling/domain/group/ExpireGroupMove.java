package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The holds' time of move {@code moveId} is up: if it is still undecided, it gives up. */
public record ExpireGroupMove(@TargetAggregateIdentifier AppointmentId appointmentId, AppointmentId moveId) {
}
