package dev.scheduling.app.availability;

/** The calendar has no availability rules (it is open at all times). */
public class AvailabilityNotSetException extends RuntimeException {

    public AvailabilityNotSetException(String calendarId) {
        super("Calendar " + calendarId + " has no availability rules: it is open at all times");
    }
}
