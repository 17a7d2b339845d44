package dev.scheduling.domain.calendar;


import java.util.Objects;

/** One calendar taking part in an appointment, and what it is to it. */
public record Participant(UserId calendarId, ParticipantRole role) {

    public Participant {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(role, "role");
    }
}
