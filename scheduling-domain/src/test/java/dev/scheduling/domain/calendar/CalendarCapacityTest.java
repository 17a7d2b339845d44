package dev.scheduling.domain.calendar;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.scheduling.domain.calendar.CalendarTestData.*;

/** A calendar holds at most a configured number of future appointments (here two). */
class CalendarCapacityTest {

    private FixtureConfiguration<UserCalendar> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserCalendar.class);
        fixture.registerInjectableResource(SLOT_POLICY);
        fixture.registerInjectableResource(new CalendarCapacity(2));
    }

    @Test
    void booking_fails_with_calendar_full_when_the_future_appointments_reach_the_cap() {
        fixture.given(booked(1, slot("10:00", "11:00")), booked(2, slot("11:00", "12:00")))
               .when(book(3, slot("12:00", "13:00")))
               .expectException(CalendarFullException.class)
               .expectExceptionMessage("The calendar already holds 2 future appointments, the most it may hold")
               .expectNoEvents();
    }

    @Test
    void booking_succeeds_below_the_cap() {
        fixture.given(booked(1, slot("10:00", "11:00")))
               .when(book(2, slot("11:00", "12:00")))
               .expectEvents(booked(2, slot("11:00", "12:00")));
    }

    @Test
    void cancelled_appointments_do_not_count() {
        fixture.given(booked(1, slot("10:00", "11:00")), booked(2, slot("11:00", "12:00")),
                      cancelled(2, slot("11:00", "12:00")))
               .when(book(3, slot("12:00", "13:00")))
               .expectEvents(booked(3, slot("12:00", "13:00")));
    }

    @Test
    void appointments_that_have_started_do_not_count() {
        var atNoon = new BookAppointment(ALICE, appointmentId(3), slot("14:00", "15:00"), DETAILS, at("12:00"));
        fixture.given(booked(1, slot("10:00", "11:00")), booked(2, slot("12:00", "13:00")))
               .when(atNoon)
               .expectEvents(booked(3, slot("14:00", "15:00")));
    }

    @Test
    void repeating_a_booking_is_answered_when_the_calendar_is_full() {
        fixture.given(booked(1, slot("10:00", "11:00")), booked(2, slot("11:00", "12:00")))
               .when(book(2, slot("11:00", "12:00")))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void rescheduling_is_allowed_when_the_calendar_is_full() {
        fixture.given(booked(1, slot("10:00", "11:00")), booked(2, slot("11:00", "12:00")))
               .when(reschedule(2, slot("15:00", "16:00")))
               .expectEvents(rescheduled(2, slot("11:00", "12:00"), slot("15:00", "16:00")));
    }
}
