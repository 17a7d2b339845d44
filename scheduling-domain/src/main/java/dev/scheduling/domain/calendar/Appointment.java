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
                          TimeSlot bookedSlot, List<String> remindersSent, boolean ofSeveralCalendars) {

    public Appointment {
        remindersSent = remindersSent == null ? List.of() : List.copyOf(remindersSent);
    }

    public Appointment(AppointmentId id, TimeSlot slot, AppointmentDetails details, AppointmentStatus status,
                       TimeSlot bookedSlot, List<String> remindersSent) {
        this(id, slot, details, status, bookedSlot, remindersSent, false);
    }

    static Appointment booked(AppointmentBooked event) {
        return new Appointment(event.appointmentId(), event.slot(), event.details(), AppointmentStatus.BOOKED,
                event.slot(), List.of(), !event.participants().isEmpty());
    }

    Appointment movedTo(TimeSlot newSlot) {
        return new Appointment(id, newSlot, details, status, bookedSlot, remindersSent, ofSeveralCalendars);
    }

    Appointment cancelled() {
        return new Appointment(id, slot, details, AppointmentStatus.CANCELLED, bookedSlot, remindersSent, ofSeveralCalendars);
    }

    Appointment withReminderSent(String reminderId) {
        List<String> sent = new ArrayList<>(remindersSent);
        sent.add(reminderId);
        return new Appointment(id, slot, details, status, bookedSlot, sent, ofSeveralCalendars);
    }

    Appointment withoutPersonalData() {
        AppointmentDetails kept = new AppointmentDetails(null, null, details.timeZone());
        return new Appointment(id, slot, kept, status, bookedSlot, remindersSent, ofSeveralCalendars);
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
