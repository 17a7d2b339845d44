package dev.scheduling.domain.calendar;


import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** One calendar taking part in an appointment, and what it is to it. */
public record Participant(UserId calendarId, ParticipantRole role) {

    public Participant {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(role, "role");
    }

    /**
     * Whose personal data an appointment of {@code participants} is (its title, location, reasons): the persons taking
     * part, by calendar id, or every calendar when no person does. Erasing any one of them erases it everywhere.
     */
    public static List<String> personalDataOf(Collection<Participant> participants) {
        List<Participant> persons = participants.stream().filter(participant -> participant.role().isPerson()).toList();
        return (persons.isEmpty() ? participants.stream().toList() : persons).stream()
                .map(participant -> participant.calendarId().value()).distinct().sorted().toList();
    }
}
