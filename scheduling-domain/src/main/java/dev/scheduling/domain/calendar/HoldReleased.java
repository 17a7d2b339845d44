package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

/**
 * The hold's slot is free again: released by the booking that placed it ({@code reason} says why), lapsed and
 * cleared by a later command that needed its slot ({@code "expired"}), or used up by the appointment it moved.
 */
@Revision("1")
public record HoldReleased(UserId userId, AppointmentId appointmentId, TimeSlot slot, String reason)
        implements CalendarEvent {

    public static final String EXPIRED = "expired";
    /** Used up by the appointment it was placed to move ({@link MoveToHold}), which takes its slot. */
    public static final String MOVED_INTO = "the appointment moved into it";
}
