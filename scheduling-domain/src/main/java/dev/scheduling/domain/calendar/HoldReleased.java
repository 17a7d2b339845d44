package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

/**
 * The hold's slot is free again: released by the booking that placed it ({@code reason} says why), lapsed and
 * cleared by a later command that needed its slot ({@code "expired"}), used up by the appointment it moved, or (a
 * booking form's, {@code lasting}) booked.
 */
@Revision("1")
public record HoldReleased(UserId userId, AppointmentId appointmentId, TimeSlot slot, String reason, boolean lasting)
        implements CalendarEvent {

    public HoldReleased(UserId userId, AppointmentId appointmentId, TimeSlot slot, String reason) {
        this(userId, appointmentId, slot, reason, false);
    }

    public static final String EXPIRED = "expired";
    /** Used up by the appointment it was placed to move ({@link MoveToHold}), which takes its slot. */
    public static final String MOVED_INTO = "the appointment moved into it";
    /** A booking form's hold, booked: its appointment takes its place. */
    public static final String BOOKED = "booked";
}
