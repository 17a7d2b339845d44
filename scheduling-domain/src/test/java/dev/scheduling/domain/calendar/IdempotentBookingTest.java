package dev.scheduling.domain.calendar;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;

import static dev.scheduling.domain.calendar.CalendarTestData.*;

/** Booking again with the same appointment id: the same request answers what was booked, another is refused. */
class IdempotentBookingTest {

    private FixtureConfiguration<UserCalendar> fixture = calendarFixture();

    @Test
    void booking_again_with_the_same_id_and_request_returns_the_appointment_without_an_event() {
        fixture.given(booked(1, slot("10:00", "11:00")))
               .when(book(1, slot("10:00", "11:00")))
               .expectNoEvents()
               .expectResultMessagePayload(
                       new BookingOutcome(bookedAppointment(1, slot("10:00", "11:00")), false));
    }

    @Test
    void booking_again_with_the_same_id_after_a_reschedule_returns_the_moved_appointment() {
        fixture.given(booked(1, slot("10:00", "11:00")),
                      rescheduled(1, slot("10:00", "11:00"), slot("14:00", "15:00")))
               .when(book(1, slot("10:00", "11:00")))
               .expectNoEvents()
               .expectResultMessagePayload(new BookingOutcome(
                       new Appointment(appointmentId(1), slot("14:00", "15:00"), DETAILS, AppointmentStatus.BOOKED,
                                       slot("10:00", "11:00"), List.of()), false));
    }

    @Test
    void booking_again_with_the_same_id_and_a_different_slot_fails_with_idempotency_key_reused() {
        fixture.given(booked(1, slot("10:00", "11:00")))
               .when(book(1, slot("10:00", "11:30")))
               .expectException(IdempotencyKeyReusedException.class)
               .expectNoEvents();
    }

    @Test
    void booking_again_with_the_same_id_and_different_details_fails_with_idempotency_key_reused() {
        BookAppointment otherTitle = new BookAppointment(ALICE, appointmentId(1), slot("10:00", "11:00"),
                new AppointmentDetails("Other", "Room 4", ZoneId.of("Europe/Amsterdam")), NOW);
        fixture.given(booked(1, slot("10:00", "11:00")))
               .when(otherTitle)
               .expectException(IdempotencyKeyReusedException.class)
               .expectNoEvents();
    }
}
