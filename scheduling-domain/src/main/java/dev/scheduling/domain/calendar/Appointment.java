package dev.scheduling.domain.calendar;

import java.time.Instant;

/**
 * One appointment as the calendar knows it. {@code bookedSlot} and {@code details} are what the booking asked
 * for, so that a retried booking can be told apart from a different one with the same idempotency key.
 */
public record Appointment(AppointmentId id, TimeSlot slot, AppointmentDetails details, AppointmentStatus status,
                          TimeSlot bookedSlot) {

    static Appointment booked(AppointmentBooked event) {
        return new Appointment(event.appointmentId(), event.slot(), event.details(), AppointmentStatus.BOOKED,
                event.slot());
    }

    Appointment movedTo(TimeSlot newSlot) {
        return new Appointment(id, newSlot, details, status, bookedSlot);
    }

    Appointment cancelled() {
        return new Appointment(id, slot, details, AppointmentStatus.CANCELLED, bookedSlot);
    }

    public boolean isActive() {
        return status == AppointmentStatus.BOOKED;
    }

    public boolean hasStartedAt(Instant instant) {
        return slot.hasStartedAt(instant);
    }

    boolean wasBookedAs(TimeSlot slot, AppointmentDetails details) {
        return bookedSlot.equals(slot) && this.details.equals(details);
    }
}
