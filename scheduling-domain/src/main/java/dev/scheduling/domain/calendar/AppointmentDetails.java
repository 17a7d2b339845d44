package dev.scheduling.domain.calendar;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What an appointment is about. {@code timeZone} is the zone its reminders are rendered in; the slot itself is
 * always UTC. {@code personalDataOf} are the users whose personal data the title and location are: the persons taking
 * part in an appointment of several calendars ({@link Participant#personalDataOf}), sealed under all their keys
 * wherever the details are copied (each calendar, snapshots, sagas, the read model); empty for an appointment of one
 * calendar, whose owner's they are.
 */
public record AppointmentDetails(@PersonalData String title, @PersonalData String location, ZoneId timeZone,
                                 List<String> personalDataOf) implements HoldsPersonalData {

    public static final int MAX_TEXT_LENGTH = 200;
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("UTC");

    public AppointmentDetails {
        checkLength("title", title);
        checkLength("location", location);
        if (timeZone == null) {
            timeZone = DEFAULT_TIME_ZONE;
        }
        personalDataOf = personalDataOf == null ? List.of() : List.copyOf(personalDataOf);
    }

    public AppointmentDetails(String title, String location, ZoneId timeZone) {
        this(title, location, timeZone, List.of());
    }

    /** These details as personal data of {@code users}. */
    public AppointmentDetails ofUsers(List<String> users) {
        return new AppointmentDetails(title, location, timeZone, users);
    }

    /** Whether {@code other} says the same, whoever's personal data either is: a retried request is told apart by it. */
    public boolean saysSameAs(AppointmentDetails other) {
        return other != null && Objects.equals(title, other.title)
                && Objects.equals(location, other.location) && timeZone.equals(other.timeZone);
    }

    @Override
    public List<String> dataSubjects() {
        return personalDataOf;
    }

    /** Says whether there is a title and a location, never what they are: this text reaches logs. */
    @Override
    public String toString() {
        return "AppointmentDetails[title=" + (title == null ? "none" : "(personal data)") + ", location="
                + (location == null ? "none" : "(personal data)") + ", timeZone=" + timeZone + ", personalDataOf="
                + personalDataOf + "]";
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
