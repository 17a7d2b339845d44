package dev.scheduling.domain.calendar;

public enum AppointmentStatus {
    BOOKED,
    CANCELLED
}
