package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.InvalidValueException;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.UserId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The calendars of a visit: 2 to 10 distinct ones, in the order of their ids, which is the order they are loaded
 * and written in (so that two visits sharing calendars take them in the same order and never wait on each other).
 * The one place a visit's participants are checked.
 */
public record Participants(List<Participant> inOrder) {

    public static final int MIN = 2;
    public static final int MAX = 10;

    public Participants {
        inOrder = ordered(inOrder);
    }

    /** Whose personal data the visit's details and reasons are ({@link Participant#personalDataOf}). */
    public List<String> personalDataOf() {
        return Participant.personalDataOf(inOrder);
    }

    public boolean includes(UserId calendarId) {
        return inOrder.stream().anyMatch(participant -> participant.calendarId().equals(calendarId));
    }

    /**
     * Refuses ({@link InvalidValueException}) too few or too many calendars, or a calendar named twice (its field:
     * {@code participants[i].calendarId}, the second time it is named). Null entries (calendars not named well) count,
     * and are named twice by no one.
     */
    public static void check(List<UserId> calendarIds) {
        if (calendarIds == null || calendarIds.size() < MIN || calendarIds.size() > MAX) {
            throw new InvalidValueException("participants", "must name " + MIN + " to " + MAX + " calendars");
        }
        Set<UserId> seen = new HashSet<>();
        for (int i = 0; i < calendarIds.size(); i++) {
            if (calendarIds.get(i) != null && !seen.add(calendarIds.get(i))) {
                throw new InvalidValueException("participants[" + i + "].calendarId",
                        "names a calendar already taking part");
            }
        }
    }

    private static List<Participant> ordered(List<Participant> participants) {
        check(participants == null ? null : participants.stream().map(Participant::calendarId).toList());
        List<Participant> ordered = new ArrayList<>(participants);
        ordered.sort(Comparator.comparing(participant -> participant.calendarId().value()));
        return List.copyOf(ordered);
    }
}
