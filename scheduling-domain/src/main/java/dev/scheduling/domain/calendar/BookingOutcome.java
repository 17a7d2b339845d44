package dev.scheduling.domain.calendar;

/** The answer to a booking: the appointment, and whether this command created it or found it already booked. */
public record BookingOutcome(Appointment appointment, boolean created) {

    static BookingOutcome created(Appointment appointment) {
        return new BookingOutcome(appointment, true);
    }

    static BookingOutcome alreadyBooked(Appointment appointment) {
        return new BookingOutcome(appointment, false);
    }
}
