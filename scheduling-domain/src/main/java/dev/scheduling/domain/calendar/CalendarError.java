package dev.scheduling.domain.calendar;

/** The stable codes of the calendar's errors. Clients match on these; never rename one. */
public enum CalendarError {
    APPOINTMENT_OVERLAP("appointment-overlap"),
    APPOINTMENT_NOT_FOUND("appointment-not-found"),
    APPOINTMENT_CANCELLED("appointment-cancelled"),
    APPOINTMENT_ALREADY_STARTED("appointment-already-started"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused"),
    START_IN_PAST("start-in-past"),
    APPOINTMENT_TOO_LONG("appointment-too-long"),
    INVALID_TIME_SLOT("invalid-time-slot"),
    INVALID_VALUE("invalid-value"),
    CALENDAR_FULL("calendar-full"),
    OUTSIDE_AVAILABILITY("outside-availability"),
    NOTICE_TOO_SHORT("notice-too-short"),
    BEYOND_BOOKING_HORIZON("beyond-booking-horizon"),
    HOLD_EXPIRED("hold-expired"),
    APPOINTMENT_OF_SEVERAL_CALENDARS("appointment-of-several-calendars"),
    /** A visit of several calendars that one or more of them refused: each refusal is listed. */
    PARTICIPANT_UNAVAILABLE("participant-unavailable"),
    /** A calendar that is neither the caller's own nor published, booked together with the caller's. */
    NOT_PUBLISHED("forbidden");

    private final String code;

    CalendarError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
