package dev.scheduling.domain.calendar;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;

import static dev.scheduling.domain.calendar.CalendarTestData.*;

/**
 * Erasing a user's personal data: one event naming the calendar's appointments, once; the slots stay and still
 * refuse overlaps; what the calendar writes afterwards carries nothing of what was erased.
 */
class UserCalendarErasureTest {

    private static final AppointmentDetails ERASED = new AppointmentDetails(null, null, ZoneId.of("Europe/Amsterdam"));

    private AggregateTestFixture<UserCalendar> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserCalendar.class);
        fixture.registerInjectableResource(SLOT_POLICY);
        fixture.registerInjectableResource(CAPACITY);
    }

    @Test
    void erasing_appends_one_event_naming_every_appointment_of_the_calendar() {
        fixture.given(booked(2, slot("10:00", "11:00")), booked(1, slot("12:00", "13:00")),
                       cancelled(2, slot("10:00", "11:00")))
               .when(new ErasePersonalData(ALICE))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new PersonalDataErased(ALICE, List.of(appointmentId(1), appointmentId(2))))
               .expectResultMessagePayload(true);
    }

    @Test
    void erasing_again_with_nothing_written_since_changes_nothing() {
        fixture.given(booked(1, slot("10:00", "11:00")), new PersonalDataErased(ALICE, List.of(appointmentId(1))),
                       reminderSent(1, "r-1"))
               .when(new ErasePersonalData(ALICE))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void a_booking_after_the_erasure_can_be_erased_in_turn() {
        fixture.given(booked(1, slot("10:00", "11:00")), new PersonalDataErased(ALICE, List.of(appointmentId(1))),
                       booked(2, slot("12:00", "13:00")))
               .when(new ErasePersonalData(ALICE))
               .expectEvents(new PersonalDataErased(ALICE, List.of(appointmentId(1), appointmentId(2))))
               .expectResultMessagePayload(true);
    }

    @Test
    void the_erased_calendar_still_refuses_overlaps_with_its_remaining_slots() {
        fixture.given(booked(1, slot("10:00", "12:00")), new PersonalDataErased(ALICE, List.of(appointmentId(1))))
               .when(book(2, slot("11:00", "11:30")))
               .expectException(AppointmentOverlapException.class)
               .expectNoEvents();
    }

    @Test
    void a_reschedule_after_the_erasure_carries_none_of_the_erased_details() {
        fixture.given(booked(1, slot("10:00", "11:00")), new PersonalDataErased(ALICE, List.of(appointmentId(1))))
               .when(reschedule(1, slot("14:00", "15:00")))
               .expectEvents(new AppointmentRescheduled(ALICE, appointmentId(1), slot("10:00", "11:00"),
                       slot("14:00", "15:00"), ERASED));
    }
}
