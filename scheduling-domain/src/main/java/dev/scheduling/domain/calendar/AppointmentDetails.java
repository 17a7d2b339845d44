package dev.scheduling.domain.calendar;

import java.time.ZoneId;

/**
 * What an appointment is about. {@code timeZone} is the zone its reminders are rendered in; the slot itself is
 * always UTC.
 */
public record AppointmentDetails(@PersonalData String title, @PersonalData String location, ZoneId timeZone) {

    public static final int MAX_TEXT_LENGTH = 200;
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("UTC");

    public AppointmentDetails {
        checkLength("title", title);
        checkLength("location", location);
        if (timeZone == null) {
            timeZone = DEFAULT_TIME_ZONE;
        }
    }

    /** Says whether there is a title and a location, never what they are: this text reaches logs. */
    @Override
    public String toString() {
        return "AppointmentDetails[title=" + (title == null ? "none" : "(personal data)") + ", location="
                + (location == null ? "none" : "(personal data)") + ", timeZone=" + timeZone + "]";
    }

    public static AppointmentDetails untitled() {
        return new AppointmentDetails(null, null, DEFAULT_TIME_ZONE);
    }

    private static void checkLength(String field, String text) {
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidValueException(field, "must be at most " + MAX_TEXT_LENGTH + " characters");
        }
    }
}
