package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

/**
 * The hold's slot is free again: given up ({@link #GIVEN_UP}), lapsed and cleared by a later command that needed its
 * slot ({@link #EXPIRED}), or (a booking form's, {@code lasting}) booked ({@link #BOOKED}). Events written by the
 * booking process before visits were decided in one transaction carry its own reasons.
 */
@Revision("1")
public record HoldReleased(UserId userId, AppointmentId appointmentId, TimeSlot slot, String reason, boolean lasting)
        implements CalendarEvent {

    public static final String EXPIRED = "expired";
    /** A booking form's hold, booked: its appointment takes its place. */
    public static final String BOOKED = "booked";
    /** A booking form's hold given up before it was booked. */
    public static final String GIVEN_UP = "the hold was given up";
}
