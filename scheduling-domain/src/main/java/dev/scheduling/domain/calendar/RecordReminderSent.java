package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;
import java.time.Instant;

/**
 * Records that a reminder went out, so that it is part of the calendar's audit trail. {@code reminderId} is stable
 * per appointment, offset and start: recording the same reminder twice records it once.
 */
public record RecordReminderSent(@TargetAggregateIdentifier UserId userId, AppointmentId appointmentId,
                                 String reminderId, Duration offset, Instant dueAt, Instant requestedAt) {
}
