package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

/**
 * The hold's slot is free again: released by the booking that placed it ({@code reason} says why), or lapsed and
 * cleared by a later command that needed its slot ({@code "expired"}).
 */
@Revision("1")
public record HoldReleased(UserId userId, AppointmentId appointmentId, TimeSlot slot, String reason)
        implements CalendarEvent {

    public static final String EXPIRED = "expired";
}
