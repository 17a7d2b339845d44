package dev.scheduling.domain.calendar;

import java.util.List;

/**
 * Something stored (an event, a snapshot, a saga) or a value inside one that may hold {@link PersonalData}: names
 * the users it belongs to, whose keys together encrypt it.
 */
public interface HoldsPersonalData {

    /**
     * The users the personal data belongs to: all of their keys are needed to read it, so erasing any one of them
     * erases it. Empty while there is none, and, for a value inside a stored record, to take the record's.
     */
    List<String> dataSubjects();

    /**
     * Whether storing this may make a user's first key after an erasure: a new event may (the user is back), state
     * read before the erasure (a snapshot, a saga) may not.
     */
    default boolean mayCreateKeys() {
        return false;
    }
}
