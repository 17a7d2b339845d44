package dev.scheduling.domain.calendar;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.scheduling.domain.calendar.CalendarTestData.*;

/** Booking: a slot must not start before the request and may not be longer than the policy allows. */
class BookingRulesTest {

    private FixtureConfiguration<UserCalendar> fixture = calendarFixture();

    @Test
    void booking_fails_with_start_in_past() {
        fixture.givenNoPriorActivity()
               .when(new BookAppointment(ALICE, appointmentId(1), slot("10:00", "11:00"), DETAILS, at("10:01")))
               .expectException(StartInPastException.class)
               .expectNoEvents();
    }

    @Test
    void booking_starting_exactly_at_the_time_of_the_request_is_allowed() {
        fixture.givenNoPriorActivity()
               .when(new BookAppointment(ALICE, appointmentId(1), slot("10:00", "11:00"), DETAILS, at("10:00")))
               .expectEvents(booked(1, slot("10:00", "11:00")));
    }

    @Test
    void booking_fails_when_longer_than_the_maximum_duration() {
        TimeSlot tooLong = new TimeSlot(at("10:00"), at("10:00").plus(Duration.ofHours(24)).plusSeconds(1));
        fixture.givenNoPriorActivity()
               .when(book(1, tooLong))
               .expectException(AppointmentTooLongException.class)
               .expectNoEvents();
    }

    @Test
    void booking_exactly_the_maximum_duration_is_allowed() {
        TimeSlot day = new TimeSlot(at("10:00"), at("10:00").plus(Duration.ofHours(24)));
        fixture.givenNoPriorActivity()
               .when(book(1, day))
               .expectEvents(booked(1, day));
    }

    @Test
    void booking_honours_a_configured_maximum_duration() {
        fixture = new AggregateTestFixture<>(UserCalendar.class);
        fixture.registerInjectableResource(new SlotPolicy(Duration.ofMinutes(30)));
        fixture.registerInjectableResource(CAPACITY);
        fixture.givenNoPriorActivity()
               .when(book(1, slot("10:00", "10:31")))
               .expectException(AppointmentTooLongException.class)
               .expectNoEvents();
    }
}
