package dev.scheduling.domain.calendar;

/** Everything that happens to a calendar. Events are stored for ever: add fields, never change their meaning. */
public sealed interface CalendarEvent extends HoldsPersonalData permits AppointmentBooked, AppointmentRescheduled,
        AppointmentCancelled, ReminderSent, HoldPlaced, HoldReleased {

    UserId userId();

    AppointmentId appointmentId();

    @Override
    default String dataSubject() {
        return userId().value();
    }
}
