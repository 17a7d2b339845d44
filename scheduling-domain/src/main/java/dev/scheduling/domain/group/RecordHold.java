package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The calendar holds the appointment's slot. */
public record RecordHold(@TargetAggregateIdentifier AppointmentId appointmentId, UserId calendarId) {
}
