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

    /** Whether an appointment of {@code participants} reminds {@code calendar}: a person's, or one of its own. */
    public static boolean reminds(Collection<Participant> participants, UserId calendar) {
        return participants.stream().filter(participant -> participant.calendarId().equals(calendar)).findFirst()
                           .map(participant -> participant.role().isPerson()).orElse(true);
    }
}
