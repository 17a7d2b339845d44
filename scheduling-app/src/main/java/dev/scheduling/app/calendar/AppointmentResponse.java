package dev.scheduling.app.calendar;

import dev.scheduling.domain.calendar.Appointment;
import dev.scheduling.domain.calendar.AppointmentStatus;
import dev.scheduling.domain.calendar.UserId;

import java.time.Instant;

public record AppointmentResponse(String id, String userId, Instant start, Instant end, String title,
                                  String location, String timeZone, AppointmentStatus status) {

    static AppointmentResponse of(UserId user, Appointment appointment) {
        return new AppointmentResponse(appointment.id().toString(), user.toString(), appointment.slot().start(),
                appointment.slot().end(), appointment.details().title(), appointment.details().location(),
                appointment.details().timeZone().getId(), appointment.status());
    }
}
