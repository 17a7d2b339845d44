package dev.scheduling.domain.calendar;

import java.util.UUID;

public record AppointmentId(UUID value) {

    public AppointmentId {
        if (value == null) {
            throw new InvalidValueException("appointmentId", "is required");
        }
    }

    public static AppointmentId fromString(String value) {
        try {
            return new AppointmentId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("appointmentId", "must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
