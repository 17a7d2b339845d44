package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.HoldsPersonalData;
import dev.scheduling.domain.calendar.Participant;

import java.util.List;

/**
 * An event of an appointment of several calendars whose personal data (details, reason) belongs to every person
 * taking part ({@link Participant#personalDataOf}). A new event: it may make the first key of a user erased before.
 */
interface PersonalDataOfParticipants extends HoldsPersonalData {

    List<Participant> participants();

    @Override
    default List<String> dataSubjects() {
        return Participant.personalDataOf(participants());
    }

    @Override
    default boolean mayCreateKeys() {
        return true;
    }
}
