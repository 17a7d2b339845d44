package dev.scheduling.projections.appointments;

import dev.scheduling.projections.dynamodb.UtcInstants;

import java.time.Instant;
import java.util.List;

/** One appointment as the read model answers it. Never printed whole: its title and location are personal data. */
public record AppointmentView(String id, String userId, Instant start, Instant end, String title, String location,
                              String timeZone, String status, List<String> remindersSent, Instant createdAt,
                              Instant updatedAt, long version) {

    /** The item as clients read it: its title and location opened ({@link PersonalFields}). */
    static AppointmentView of(AppointmentItem item, PersonalFields personalFields) {
        PersonalFields.Texts texts = personalFields.open(new PersonalFields.Texts(item.getTitle(), item.getLocation()));
        return new AppointmentView(item.getAppointmentId(), item.getUserId(), UtcInstants.parse(item.getStart()),
                UtcInstants.parse(item.getEnd()), texts.title(), texts.location(), item.getTimeZone(),
                item.getStatus(), item.getRemindersSent() == null ? List.of() : item.getRemindersSent(),
                UtcInstants.parse(item.getCreatedAt()), UtcInstants.parse(item.getUpdatedAt()), item.getVersion());
    }

    @Override
    public String toString() {
        return "AppointmentView[" + id + " of " + userId + ", " + start + " to " + end + ", " + status + ", v" + version
                + "]";
    }
}
