package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static dev.scheduling.domain.calendar.CalendarTestData.*;

class UserCalendarTest {

    private FixtureConfiguration<UserCalendar> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserCalendar.class);
        fixture.registerInjectableResource(SLOT_POLICY);
        fixture.registerInjectableResource(CAPACITY);
    }

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

    @Test
    void rescheduling_into_a_free_slot_moves_the_appointment() {
        fixture.given(booked(1, slot("10:00", "11:00")), booked(2, slot("12:00", "13:00")))
               .when(reschedule(1, slot("14:00", "15:00")))
               .expectEvents(rescheduled(1, slot("10:00", "11:00"), slot("14:00", "15:00")))
               .expectResultMessagePayload(new Appointment(appointmentId(1), slot("14:00", "15:00"), DETAILS,
                                                           AppointmentStatus.BOOKED, slot("10:00", "11:00"), List.of()));
    }

    @Test
    void rescheduling_fails_with_overlap_when_moved_onto_another_appointment() {
        fixture.given(booked(1, slot("10:00", "11:00")), booked(2, slot("12:00", "13:00")))
               .when(reschedule(1, slot("12:30", "13:30")))
               .expectException(overlapWith(2, slot("12:00", "13:00")))
               .expectNoEvents();
    }

    @Test
    void rescheduling_fails_with_overlap_when_moved_across_its_own_old_slot_onto_the_next_appointment() {
        fixture.given(booked(1, slot("10:00", "11:00")), booked(2, slot("11:00", "12:00")))
               .when(reschedule(1, slot("09:00", "11:30")))
               .expectException(overlapWith(2, slot("11:00", "12:00")))
               .expectNoEvents();
    }

    @Test
    void rescheduling_that_overlaps_only_its_own_old_slot_is_allowed() {
        fixture.given(booked(1, slot("10:00", "11:00")), booked(2, slot("12:00", "13:00")))
               .when(reschedule(1, slot("10:30", "12:00")))
               .expectEvents(rescheduled(1, slot("10:00", "11:00"), slot("10:30", "12:00")));
    }

    @Test
    void rescheduling_earlier_over_its_own_old_slot_is_allowed() {
        fixture.given(booked(1, slot("08:00", "09:00")), booked(2, slot("10:00", "11:00")))
               .when(reschedule(2, slot("09:00", "10:30")))
               .expectEvents(rescheduled(2, slot("10:00", "11:00"), slot("09:00", "10:30")));
    }

    @Test
    void rescheduling_to_the_same_slot_changes_nothing() {
        fixture.given(booked(1, slot("10:00", "11:00")))
               .when(reschedule(1, slot("10:00", "11:00")))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void rescheduling_a_cancelled_appointment_fails() {
        fixture.given(booked(1, slot("10:00", "11:00")), cancelled(1, slot("10:00", "11:00")))
               .when(reschedule(1, slot("14:00", "15:00")))
               .expectException(AppointmentCancelledException.class)
               .expectNoEvents();
    }

    @Test
    void rescheduling_an_appointment_that_has_started_fails() {
        fixture.given(booked(1, slot("10:00", "11:00")))
               .when(new RescheduleAppointment(ALICE, appointmentId(1), slot("14:00", "15:00"), at("10:15")))
               .expectException(AppointmentAlreadyStartedException.class)
               .expectNoEvents();
    }

    @Test
    void rescheduling_into_the_past_fails() {
        fixture.given(booked(1, slot("12:00", "13:00")))
               .when(new RescheduleAppointment(ALICE, appointmentId(1), slot("09:00", "10:00"), at("11:00")))
               .expectException(StartInPastException.class)
               .expectNoEvents();
    }

    @Test
    void rescheduling_to_longer_than_the_maximum_duration_fails() {
        TimeSlot tooLong = new TimeSlot(at("10:00"), at("10:00").plus(Duration.ofHours(25)));
        fixture.given(booked(1, slot("10:00", "11:00")))
               .when(reschedule(1, tooLong))
               .expectException(AppointmentTooLongException.class)
               .expectNoEvents();
    }

    @Test
    void rescheduling_an_unknown_appointment_fails_with_not_found() {
        fixture.given(booked(1, slot("10:00", "11:00")))
               .when(reschedule(2, slot("14:00", "15:00")))
               .expectException(AppointmentNotFoundException.class)
               .expectNoEvents();
    }

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

    @Test
    void changing_an_appointment_on_a_calendar_that_does_not_exist_fails() {
        fixture.givenNoPriorActivity()
               .when(cancel(1))
               .expectException(AggregateNotFoundException.class)
               .expectNoEvents();
    }

    private static Matcher<AppointmentOverlapException> overlapWith(int number, TimeSlot slot) {
        Map<String, String> expected = Map.of("conflictingAppointmentId", appointmentId(number).toString(),
                                              "conflictingStart", slot.start().toString(),
                                              "conflictingEnd", slot.end().toString());
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(AppointmentOverlapException exception) {
                return exception.error() == CalendarError.APPOINTMENT_OVERLAP && exception.data().equals(expected);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an overlap with ").appendValue(expected);
            }
        };
    }
}
