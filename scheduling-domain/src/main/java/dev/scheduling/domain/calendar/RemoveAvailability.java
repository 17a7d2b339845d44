package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes the calendar's availability rules: open at all times again. A calendar that does not exist is not made. */
public record RemoveAvailability(@TargetAggregateIdentifier UserId userId) {
}
