package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import static dev.scheduling.domain.calendar.CalendarTestData.*;

/** Cancelling: records the slot and the reason, once; an unknown appointment or calendar is not found. */
class CancelTest {

    private FixtureConfiguration<UserCalendar> fixture = calendarFixture();

    @Test
    void cancelling_an_appointment_records_the_reason_and_slot() {
        fixture.given(booked(1, slot("10:00", "11:00")))
               .when(cancel(1))
               .expectEvents(cancelled(1, slot("10:00", "11:00")));
    }

    @Test
    void cancelling_twice_records_no_second_event() {
        fixture.given(booked(1, slot("10:00", "11:00")), cancelled(1, slot("10:00", "11:00")))
               .when(cancel(1))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void cancelling_an_unknown_appointment_fails_with_not_found() {
        fixture.given(booked(1, slot("10:00", "11:00")))
               .when(cancel(2))
               .expectException(AppointmentNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void changing_an_appointment_on_a_calendar_that_does_not_exist_fails() {
        fixture.givenNoPriorActivity()
               .when(cancel(1))
               .expectException(AggregateNotFoundException.class)
               .expectNoEvents();
    }
}
