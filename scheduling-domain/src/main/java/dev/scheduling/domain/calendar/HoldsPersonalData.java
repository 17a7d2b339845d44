package dev.scheduling.domain.calendar;

/**
 * Something stored (an event, a snapshot, a saga) that may hold {@link PersonalData}: names the user whose key
 * encrypts it.
 */
public interface HoldsPersonalData {

    /** The user the personal data belongs to; {@code null} while there is none. */
    String dataSubject();
}
