package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets the calendar's availability rules whole (a calendar that does not exist yet is created with them). */
public record SetAvailability(@TargetAggregateIdentifier UserId userId, AvailabilityRules rules) {

    public SetAvailability {
        if (rules == null) {
            throw new InvalidValueException("rules", "are required (RemoveAvailability opens a calendar at all times)");
        }
    }
}
