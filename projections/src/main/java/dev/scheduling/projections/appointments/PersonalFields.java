package dev.scheduling.projections.appointments;

import java.util.List;

/**
 * Seals an appointment's personal fields (title, location) before they are written to the read model, and opens them
 * when they are read. The application seals them under the users' data keys, as it does in the event store, so that
 * erasing the user (destroying the key) leaves nothing readable in the table, in the pages DynamoDB freed or in its
 * backups.
 */
public interface PersonalFields {

    /** An appointment's personal fields; either may be null. */
    record Texts(String title, String location) {

        public static final Texts NONE = new Texts(null, null);

        @Override
        public String toString() {
            return "Texts[(personal data)]";
        }
    }

    /**
     * {@code plain} sealed under the keys of {@code userIds} together (the persons taking part in an appointment of
     * several calendars, else the calendar's owner); {@link Texts#NONE} when one of them was erased meanwhile.
     */
    Texts seal(List<String> userIds, Texts plain);

    /** What {@link #seal} made, opened; a field whose user's data was erased opens as null. */
    Texts open(Texts sealed);
}
