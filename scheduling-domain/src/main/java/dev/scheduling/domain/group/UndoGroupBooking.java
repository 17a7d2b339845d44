package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A booking decided but not confirmed on every calendar (its process came back after a hold had lapsed and its slot
 * was taken) is undone: cancelled where it was confirmed, released elsewhere.
 */
public record UndoGroupBooking(@TargetAggregateIdentifier AppointmentId appointmentId, String reason) {
}
