package dev.scheduling.projections.appointments;

import dev.scheduling.projections.dynamodb.UtcInstants;

import java.time.Instant;
import java.util.List;

/**
 * One appointment as the read model answers it. Never printed whole: its title and location are personal data.
 *
 * @param participants every calendar of an appointment of several (this one included) with its role; empty for an
 *                     appointment of this calendar alone
 */
public record AppointmentView(String id, String userId, Instant start, Instant end, String title, String location,
                              String timeZone, String status, List<String> remindersSent, List<Member> participants,
                              Instant createdAt, Instant updatedAt, long version) {

    /** A calendar taking part, and its role: practitioner, patient, location, device or other. */
    public record Member(String calendarId, String role) {

        private static final String SEPARATOR = ":";

        /** As the item stores it. */
        String stored() {
            return calendarId + SEPARATOR + role;
        }

        static Member parse(String stored) {
            int separator = stored.lastIndexOf(SEPARATOR);
            return new Member(stored.substring(0, separator), stored.substring(separator + 1));
        }
    }

    /** The item as clients read it: its title and location opened ({@link PersonalFields}). */
    static AppointmentView of(AppointmentItem item, PersonalFields personalFields) {
        PersonalFields.Texts texts = personalFields.open(new PersonalFields.Texts(item.getTitle(), item.getLocation()));
        return new AppointmentView(item.getAppointmentId(), item.getUserId(), UtcInstants.parse(item.getStart()),
                UtcInstants.parse(item.getEnd()), texts.title(), texts.location(), item.getTimeZone(),
                item.getStatus(), item.getRemindersSent() == null ? List.of() : item.getRemindersSent(),
                item.getParticipants() == null ? List.of() : item.getParticipants().stream().map(Member::parse).toList(),
                UtcInstants.parse(item.getCreatedAt()), UtcInstants.parse(item.getUpdatedAt()), item.getVersion());
    }

    @Override
    public String toString() {
        return "AppointmentView[" + id + " of " + userId + ", " + start + " to " + end + ", " + status + ", v" + version
                + "]";
    }
}
