package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.HoldsPersonalData;

import java.util.List;

/**
 * Everything that happens to a visit's own record; each comes in the same transaction as what it changes on every
 * calendar taking part. Events are stored for ever: add fields, never change their meaning.
 */
public sealed interface VisitEvent extends HoldsPersonalData permits VisitBooked, VisitHeld, HeldVisitBooked,
        VisitHoldReleased, VisitRescheduled, VisitCancelled {

    AppointmentId appointmentId();

    /** The persons taking part, whose personal data a visit's details and reasons are. */
    List<String> personalDataOf();

    @Override
    default List<String> dataSubjects() {
        return personalDataOf();
    }

    /** A new event: it may make the first key of a user erased before. */
    @Override
    default boolean mayCreateKeys() {
        return true;
    }
}
