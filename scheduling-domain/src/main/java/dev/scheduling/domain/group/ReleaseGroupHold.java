package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives a booking form's hold up before it is booked: every calendar's slot is freed. */
public record ReleaseGroupHold(@TargetAggregateIdentifier AppointmentId appointmentId) {
}
