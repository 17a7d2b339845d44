package dev.scheduling.domain.calendar;

import java.util.Map;

/**
 * A rule of the calendar refused a command. Carries a stable code and the data a client needs to act on it
 * (for an overlap: the conflicting appointment's id and slot), all as strings so they cross any wire intact.
 */
public abstract sealed class CalendarException extends RuntimeException
        permits AppointmentOverlapException, AppointmentNotFoundException, AppointmentCancelledException,
        AppointmentAlreadyStartedException, IdempotencyKeyReusedException, StartInPastException,
        AppointmentTooLongException, InvalidTimeSlotException, InvalidValueException, CalendarFullException,
        OutsideAvailabilityException, NoticeTooShortException, BeyondBookingHorizonException, HoldExpiredException,
        AppointmentOfSeveralCalendarsException, CalendarNotPublishedException {

    private final CalendarError error;
    private final Map<String, String> data;

    protected CalendarException(CalendarError error, String message, Map<String, String> data) {
        super(message, null, false, false);
        this.error = error;
        this.data = Map.copyOf(data);
    }

    public CalendarError error() {
        return error;
    }

    public Map<String, String> data() {
        return data;
    }
}
