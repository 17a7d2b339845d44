package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The calendar holds the new slot of move {@code moveId}. */
public record RecordMoveHold(@TargetAggregateIdentifier AppointmentId appointmentId, AppointmentId moveId,
                             UserId calendarId) {
}
