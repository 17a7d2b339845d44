package dev.scheduling.domain.calendar;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import static dev.scheduling.domain.calendar.CalendarTestData.*;

/** Reminders sent are recorded on the calendar once, whatever became of the appointment since. */
class ReminderRecordTest {

    private FixtureConfiguration<UserCalendar> fixture = calendarFixture();

    @Test
    void a_reminder_sent_is_recorded_in_the_calendar() {
        fixture.given(booked(1, slot("10:00", "11:00")))
               .when(recordReminder(1, "reminder-a"))
               .expectEvents(reminderSent(1, "reminder-a"));
    }

    @Test
    void the_same_reminder_is_recorded_once() {
        fixture.given(booked(1, slot("10:00", "11:00")), reminderSent(1, "reminder-a"))
               .when(recordReminder(1, "reminder-a"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void a_reminder_of_an_appointment_cancelled_since_is_still_recorded() {
        fixture.given(booked(1, slot("10:00", "11:00")), cancelled(1, slot("10:00", "11:00")))
               .when(recordReminder(1, "reminder-a"))
               .expectEvents(reminderSent(1, "reminder-a"));
    }

    @Test
    void recording_a_reminder_of_an_unknown_appointment_fails() {
        fixture.given(booked(1, slot("10:00", "11:00")))
               .when(recordReminder(2, "reminder-a"))
               .expectException(AppointmentNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void a_recorded_reminder_keeps_the_appointment_in_its_slot() {
        fixture.given(booked(1, slot("10:00", "11:00")), reminderSent(1, "reminder-a"))
               .when(book(2, slot("10:30", "11:30")))
               .expectException(overlapWith(1, slot("10:00", "11:00")))
               .expectNoEvents();
    }
}
