package dev.scheduling.projections.appointments;

import dev.scheduling.projections.dynamodb.UtcInstants;

import java.time.Instant;
import java.util.List;

public record AppointmentView(String id, String userId, Instant start, Instant end, String title, String location,
                              String timeZone, String status, List<String> remindersSent, Instant createdAt,
                              Instant updatedAt, long version) {

    static AppointmentView of(AppointmentItem item) {
        return new AppointmentView(item.getAppointmentId(), item.getUserId(), UtcInstants.parse(item.getStart()),
                UtcInstants.parse(item.getEnd()), item.getTitle(), item.getLocation(), item.getTimeZone(),
                item.getStatus(), item.getRemindersSent() == null ? List.of() : item.getRemindersSent(),
                UtcInstants.parse(item.getCreatedAt()), UtcInstants.parse(item.getUpdatedAt()), item.getVersion());
    }
}
