package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A calendar refused the new slot of move {@code moveId}. */
public record RecordMoveRefusal(@TargetAggregateIdentifier AppointmentId appointmentId, AppointmentId moveId,
                                Refusal refusal) {
}
