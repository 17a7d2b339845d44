package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Forget the titles, locations and reasons of a user's calendar (right to erasure); ids, slots and times stay. */
public record ErasePersonalData(@TargetAggregateIdentifier UserId userId) {
}
