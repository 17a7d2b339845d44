package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A calendar refused to hold the appointment's slot. */
public record RecordRefusal(@TargetAggregateIdentifier AppointmentId appointmentId, Refusal refusal) {
}
