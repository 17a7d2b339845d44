package dev.scheduling.domain.calendar;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.scheduling.domain.calendar.CalendarTestData.*;

/** Rescheduling: into a free slot, never onto another appointment, never once started or cancelled. */
class RescheduleTest {

    private FixtureConfiguration<UserCalendar> fixture = calendarFixture();

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
}
