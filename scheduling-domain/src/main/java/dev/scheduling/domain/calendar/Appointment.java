package dev.scheduling.domain.calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One appointment as the calendar knows it. {@code bookedSlot} and {@code details} are what the booking asked
 * for, so that a retried booking can be told apart from a different one with the same idempotency key.
 * {@code remindersSent} holds the ids of the reminders that went out.
 */
public record Appointment(AppointmentId id, TimeSlot slot, AppointmentDetails details, AppointmentStatus status,
                          TimeSlot bookedSlot, List<String> remindersSent) {

    public Appointment {
        remindersSent = remindersSent == null ? List.of() : List.copyOf(remindersSent);
    }

    static Appointment booked(AppointmentBooked event) {
        return new Appointment(event.appointmentId(), event.slot(), event.details(), AppointmentStatus.BOOKED,
                event.slot(), List.of());
    }

    Appointment movedTo(TimeSlot newSlot) {
        return new Appointment(id, newSlot, details, status, bookedSlot, remindersSent);
    }

    Appointment cancelled() {
        return new Appointment(id, slot, details, AppointmentStatus.CANCELLED, bookedSlot, remindersSent);
    }

    Appointment withReminderSent(String reminderId) {
        List<String> sent = new ArrayList<>(remindersSent);
        sent.add(reminderId);
        return new Appointment(id, slot, details, status, bookedSlot, sent);
    }

    Appointment withoutPersonalData() {
        AppointmentDetails kept = new AppointmentDetails(null, null, details.timeZone());
        return new Appointment(id, slot, kept, status, bookedSlot, remindersSent);
    }

    boolean hasSent(String reminderId) {
        return remindersSent.contains(reminderId);
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
