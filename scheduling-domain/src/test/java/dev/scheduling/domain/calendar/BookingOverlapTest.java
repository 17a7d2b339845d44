package dev.scheduling.domain.calendar;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import static dev.scheduling.domain.calendar.CalendarTestData.*;

/** Booking: active appointments never overlap; back to back is fine, and a cancelled or moved appointment frees its slot. */
class BookingOverlapTest {

    private FixtureConfiguration<UserCalendar> fixture = calendarFixture();

    @Test
    void first_booking_creates_the_calendar() {
        fixture.givenNoPriorActivity()
               .when(book(1, slot("10:00", "11:00")))
               .expectSuccessfulHandlerExecution()
               .expectEvents(booked(1, slot("10:00", "11:00")))
               .expectResultMessagePayload(
                       new BookingOutcome(bookedAppointment(1, slot("10:00", "11:00")), true));
    }

    @Test
    void booking_fails_with_overlap_when_slot_lies_inside_another() {
        fixture.given(booked(1, slot("10:00", "12:00")))
               .when(book(2, slot("10:30", "11:30")))
               .expectException(overlapWith(1, slot("10:00", "12:00")))
               .expectNoEvents();
    }

    @Test
    void booking_fails_with_overlap_when_slot_covers_another() {
        fixture.given(booked(1, slot("10:00", "12:00")))
               .when(book(2, slot("09:00", "13:00")))
               .expectException(overlapWith(1, slot("10:00", "12:00")))
               .expectNoEvents();
    }

    @Test
    void booking_fails_with_overlap_when_slot_is_identical() {
        fixture.given(booked(1, slot("10:00", "12:00")))
               .when(book(2, slot("10:00", "12:00")))
               .expectException(overlapWith(1, slot("10:00", "12:00")))
               .expectNoEvents();
    }

    @Test
    void booking_fails_with_overlap_when_slot_overlaps_the_start_of_another() {
        fixture.given(booked(1, slot("10:00", "12:00")))
               .when(book(2, slot("09:30", "10:01")))
               .expectException(overlapWith(1, slot("10:00", "12:00")))
               .expectNoEvents();
    }

    @Test
    void booking_fails_with_overlap_when_slot_overlaps_the_end_of_another() {
        fixture.given(booked(1, slot("10:00", "12:00")))
               .when(book(2, slot("11:59", "13:00")))
               .expectException(overlapWith(1, slot("10:00", "12:00")))
               .expectNoEvents();
    }

    @Test
    void booking_fails_with_overlap_naming_the_later_neighbour_when_only_it_overlaps() {
        fixture.given(booked(1, slot("08:00", "09:00")), booked(2, slot("10:00", "11:00")))
               .when(book(3, slot("09:00", "10:30")))
               .expectException(overlapWith(2, slot("10:00", "11:00")))
               .expectNoEvents();
    }

    @Test
    void booking_back_to_back_after_another_is_allowed() {
        fixture.given(booked(1, slot("10:00", "11:00")))
               .when(book(2, slot("11:00", "12:00")))
               .expectEvents(booked(2, slot("11:00", "12:00")));
    }

    @Test
    void booking_back_to_back_before_another_is_allowed() {
        fixture.given(booked(1, slot("10:00", "11:00")))
               .when(book(2, slot("09:00", "10:00")))
               .expectEvents(booked(2, slot("09:00", "10:00")));
    }

    @Test
    void booking_between_two_appointments_that_fits_exactly_is_allowed() {
        fixture.given(booked(1, slot("09:00", "10:00")), booked(2, slot("11:00", "12:00")))
               .when(book(3, slot("10:00", "11:00")))
               .expectEvents(booked(3, slot("10:00", "11:00")));
    }

    @Test
    void cancelling_frees_the_slot() {
        fixture.given(booked(1, slot("10:00", "11:00")), cancelled(1, slot("10:00", "11:00")))
               .when(book(2, slot("10:00", "11:00")))
               .expectEvents(booked(2, slot("10:00", "11:00")));
    }

    @Test
    void rescheduling_frees_the_old_slot() {
        fixture.given(booked(1, slot("10:00", "11:00")),
                      rescheduled(1, slot("10:00", "11:00"), slot("14:00", "15:00")))
               .when(book(2, slot("10:00", "11:00")))
               .expectEvents(booked(2, slot("10:00", "11:00")));
    }
}
