package dev.scheduling.domain.calendar;

import java.util.List;

/** Everything that happens to a calendar. Events are stored for ever: add fields, never change their meaning. */
public sealed interface CalendarEvent extends HoldsPersonalData permits AppointmentBooked, AppointmentRescheduled,
        AppointmentCancelled, ReminderSent, HoldPlaced, HoldReleased {

    UserId userId();

    AppointmentId appointmentId();

    /**
     * The appointment on this calendar ({@code userId/appointmentId}): one appointment may be on several calendars,
     * each with its own reminders.
     */
    default String calendarAppointment() {
        return userId().value() + "/" + appointmentId();
    }

    @Override
    default List<String> dataSubjects() {
        return List.of(userId().value());
    }

    @Override
    default boolean mayCreateKeys() {
        return true;
    }
}
