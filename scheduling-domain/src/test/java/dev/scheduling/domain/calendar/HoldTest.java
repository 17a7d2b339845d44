package dev.scheduling.domain.calendar;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.scheduling.domain.calendar.AvailabilityTest.DR_LEE;
import static dev.scheduling.domain.calendar.AvailabilityTest.rulesSet;
import static dev.scheduling.domain.calendar.CalendarTestData.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds: a slot kept busy for an appointment not booked yet, as the booking of an appointment with several
 * participants places one on each calendar before it books them all. A hold is busy time like an appointment, with
 * the calendar's buffers and rules; it becomes its appointment when confirmed, frees its slot when released, and
 * stops counting when it lapses (the command that next needs its slot records it released as expired).
 */
class HoldTest {

    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(5));

    private final FixtureConfiguration<UserCalendar> fixture = calendarFixture();

    private static PlaceHold hold(int number, TimeSlot slot) {
        return new PlaceHold(ALICE, appointmentId(number), slot, EXPIRES, NOW, false);
    }

    private static HoldPlaced held(int number, TimeSlot slot) {
        return new HoldPlaced(ALICE, appointmentId(number), slot, EXPIRES, List.of(), true);
    }

    private static HoldReleased released(int number, TimeSlot slot, String reason) {
        return new HoldReleased(ALICE, appointmentId(number), slot, reason, true);
    }

    @Test
    void a_free_slot_is_held_and_the_hold_answered() {
        fixture.givenNoPriorActivity()
               .when(hold(1, slot("10:00", "11:00")))
               .expectEvents(held(1, slot("10:00", "11:00")))
               .expectResultMessagePayload(new Hold(appointmentId(1), slot("10:00", "11:00"), EXPIRES, List.of(), true));
    }

    @Test
    void the_same_hold_again_changes_nothing_and_its_id_for_another_slot_is_refused() {
        fixture.given(held(1, slot("10:00", "11:00")))
               .when(hold(1, slot("10:00", "11:00")))
               .expectNoEvents();
        fixture.given(held(1, slot("10:00", "11:00")))
               .when(hold(1, slot("12:00", "13:00")))
               .expectNoEvents()
               .expectException(IdempotencyKeyReusedException.class);
    }

    @Test
    void a_hold_is_refused_where_an_appointment_or_another_live_hold_is() {
        fixture.given(booked(1, slot("10:00", "11:00")))
               .when(hold(2, slot("10:30", "11:30")))
               .expectNoEvents()
               .expectException(refusal(CalendarError.APPOINTMENT_OVERLAP, Map.of(
                       "conflictingAppointmentId", appointmentId(1).toString(),
                       "conflictingStart", at("10:00").toString(), "conflictingEnd", at("11:00").toString())));
        fixture.given(held(1, slot("10:00", "11:00")))
               .when(hold(2, slot("09:30", "10:30")))
               .expectNoEvents()
               .expectException(AppointmentOverlapException.class);
    }

    @Test
    void a_live_hold_is_busy_for_a_booking_and_a_move() {
        fixture.given(held(1, slot("10:00", "11:00")))
               .when(book(2, slot("10:59", "12:00")))
               .expectNoEvents()
               .expectException(refusal(CalendarError.APPOINTMENT_OVERLAP, Map.of(
                       "conflictingAppointmentId", appointmentId(1).toString(),
                       "conflictingStart", at("10:00").toString(), "conflictingEnd", at("11:00").toString())));
        fixture.given(held(1, slot("10:00", "11:00")), booked(2, slot("12:00", "13:00")))
               .when(new RescheduleAppointment(ALICE, appointmentId(2), slot("10:30", "11:30"), NOW))
               .expectNoEvents()
               .expectException(AppointmentOverlapException.class);
    }

    @Test
    void a_lapsed_hold_counts_no_more_and_is_cleared_by_whatever_takes_its_place() {
        Instant later = EXPIRES.plusSeconds(1);
        fixture.given(held(1, slot("10:00", "11:00")), held(2, slot("11:00", "12:00")))
               .when(new BookAppointment(ALICE, appointmentId(3), slot("10:30", "11:30"), DETAILS, later))
               .expectEvents(released(1, slot("10:00", "11:00"), "expired"), released(2, slot("11:00", "12:00"), "expired"),
                       new AppointmentBooked(ALICE, appointmentId(3), slot("10:30", "11:30"), DETAILS));
        fixture.given(held(1, slot("10:00", "11:00")))
               .when(new PlaceHold(ALICE, appointmentId(2), slot("10:00", "11:00"), EXPIRES.plusSeconds(300), EXPIRES, false))
               .expectEvents(released(1, slot("10:00", "11:00"), "expired"),
                       new HoldPlaced(ALICE, appointmentId(2), slot("10:00", "11:00"), EXPIRES.plusSeconds(300), List.of(), true));
    }

    @Test
    void a_lapsed_hold_in_the_way_is_left_alone_when_a_live_entry_refuses_the_slot() {
        fixture.given(held(1, slot("10:00", "11:00")), booked(2, slot("11:00", "12:00")))
               .when(new BookAppointment(ALICE, appointmentId(3), slot("10:30", "11:30"), DETAILS, EXPIRES))
               .expectNoEvents()
               .expectException(refusal(CalendarError.APPOINTMENT_OVERLAP, Map.of(
                       "conflictingAppointmentId", appointmentId(2).toString(),
                       "conflictingStart", at("11:00").toString(), "conflictingEnd", at("12:00").toString())));
        // the lapsed hold starts inside the slot: the walk goes on past it to the appointment behind
        fixture.given(held(1, slot("10:00", "10:30")), booked(2, slot("11:00", "12:00")))
               .when(new BookAppointment(ALICE, appointmentId(3), slot("09:30", "11:30"), DETAILS, EXPIRES))
               .expectNoEvents()
               .expectException(AppointmentOverlapException.class);
    }

    @Test
    void confirming_a_live_hold_books_its_slot_as_its_appointment() {
        fixture.given(held(1, slot("10:00", "11:00")))
               .when(new ConfirmHold(ALICE, appointmentId(1), DETAILS, NOW.plusSeconds(60)))
               .expectEvents(released(1, slot("10:00", "11:00"), HoldReleased.BOOKED), booked(1, slot("10:00", "11:00")));
        fixture.given(held(1, slot("10:00", "11:00")), booked(1, slot("10:00", "11:00")))
               .when(new ConfirmHold(ALICE, appointmentId(1), DETAILS, NOW.plusSeconds(60)))
               .expectNoEvents();
        // booked, it is an appointment like any other: busy for good, cancelled like any other
        fixture.given(held(1, slot("10:00", "11:00")), booked(1, slot("10:00", "11:00")))
               .when(new BookAppointment(ALICE, appointmentId(2), slot("10:00", "11:00"), DETAILS, EXPIRES.plusSeconds(60)))
               .expectNoEvents()
               .expectException(AppointmentOverlapException.class);
        fixture.given(held(1, slot("10:00", "11:00")), booked(1, slot("10:00", "11:00")))
               .when(new CancelAppointment(ALICE, appointmentId(1), "patient asked"))
               .expectEvents(cancelled(1, slot("10:00", "11:00")));
    }

    @Test
    void confirming_a_lapsed_released_or_unknown_hold_is_refused_as_expired() {
        Map<String, String> expired = Map.of("holdId", appointmentId(1).toString());
        fixture.given(held(1, slot("10:00", "11:00")))
               .when(new ConfirmHold(ALICE, appointmentId(1), DETAILS, EXPIRES))
               .expectNoEvents()
               .expectException(refusal(CalendarError.HOLD_EXPIRED, expired));
        fixture.given(held(1, slot("10:00", "11:00")), released(1, slot("10:00", "11:00"), "a participant refused"))
               .when(new ConfirmHold(ALICE, appointmentId(1), DETAILS, NOW))
               .expectNoEvents()
               .expectException(refusal(CalendarError.HOLD_EXPIRED, expired));
        fixture.given(booked(2, slot("12:00", "13:00")))
               .when(new ConfirmHold(ALICE, appointmentId(1), DETAILS, NOW))
               .expectNoEvents()
               .expectException(refusal(CalendarError.HOLD_EXPIRED, expired));
    }

    @Test
    void releasing_frees_the_slot_once() {
        fixture.given(held(1, slot("10:00", "11:00")))
               .when(new ReleaseHold(ALICE, appointmentId(1)))
               .expectEvents(released(1, slot("10:00", "11:00"), HoldReleased.GIVEN_UP));
        fixture.given(held(1, slot("10:00", "11:00")), released(1, slot("10:00", "11:00"), "a participant refused"))
               .when(new ReleaseHold(ALICE, appointmentId(1)))
               .expectNoEvents();
        fixture.given(held(1, slot("10:00", "11:00")), released(1, slot("10:00", "11:00"), "cancelled"))
               .when(book(2, slot("10:00", "11:00")))
               .expectEvents(booked(2, slot("10:00", "11:00")));
        fixture.given(held(1, slot("10:00", "11:00")), booked(1, slot("10:00", "11:00")))
               .when(new ReleaseHold(ALICE, appointmentId(1)))
               .expectNoEvents();
    }

    @Test
    void a_hold_keeps_to_the_rules_and_buffers_and_the_front_desk_override_reaches_its_appointment() {
        // Dr Lee's Wednesday: 09:00-12:00 and 13:00-17:00 in Amsterdam (08:00-11:00 and 12:00-16:00 UTC), ten
        // minutes after each patient
        fixture.given(rulesSet(DR_LEE))
               .when(hold(1, slot("11:30", "12:30")))
               .expectNoEvents()
               .expectException(OutsideAvailabilityException.class);
        fixture.given(rulesSet(DR_LEE), booked(1, slot("08:00", "08:30")))
               .when(hold(2, slot("08:35", "09:00")))
               .expectNoEvents()
               .expectException(AppointmentOverlapException.class);
        fixture.given(rulesSet(DR_LEE))
               .when(new PlaceHold(ALICE, appointmentId(1), slot("16:30", "17:00"), EXPIRES, NOW, true))
               .expectEvents(new HoldPlaced(ALICE, appointmentId(1), slot("16:30", "17:00"), EXPIRES,
                       List.of("outside-availability"), true));
        fixture.given(rulesSet(DR_LEE), new HoldPlaced(ALICE, appointmentId(1), slot("16:30", "17:00"), EXPIRES,
                       List.of("outside-availability"), true))
               .when(new ConfirmHold(ALICE, appointmentId(1), DETAILS, NOW))
               .expectEvents(released(1, slot("16:30", "17:00"), HoldReleased.BOOKED), new AppointmentBooked(ALICE, appointmentId(1), slot("16:30", "17:00"), DETAILS,
                       List.of("outside-availability")));
    }

    @Test
    void the_booking_a_hold_becomes_names_every_calendar_of_the_appointment_and_who_is_reminded() {
        UserId drLee = new UserId("dr-lee");
        List<Participant> inTheRoom = List.of(new Participant(ALICE, ParticipantRole.LOCATION),
                new Participant(drLee, ParticipantRole.PRACTITIONER));
        fixture.given(held(1, slot("10:00", "11:00")))
               .when(new ConfirmHold(ALICE, appointmentId(1), DETAILS, NOW, inTheRoom))
               .expectEvents(released(1, slot("10:00", "11:00"), HoldReleased.BOOKED), new AppointmentBooked(ALICE, appointmentId(1), slot("10:00", "11:00"), DETAILS, List.of(),
                       inTheRoom));

        assertThat(new AppointmentBooked(ALICE, appointmentId(1), slot("10:00", "11:00"), DETAILS, List.of(), inTheRoom)
                .remindsThisCalendar()).as("a room").isFalse();
        assertThat(new AppointmentBooked(drLee, appointmentId(1), slot("10:00", "11:00"), DETAILS, List.of(), inTheRoom)
                .remindsThisCalendar()).as("a practitioner").isTrue();
        assertThat(booked(1, slot("10:00", "11:00")).remindsThisCalendar()).as("an appointment of one calendar").isTrue();
        assertThat(booked(1, slot("10:00", "11:00")).calendarAppointment()).isEqualTo("alice/" + appointmentId(1));
    }

    @Test
    void a_hold_that_expires_before_it_is_asked_for_is_refused() {
        fixture.givenNoPriorActivity()
               .when(new PlaceHold(ALICE, appointmentId(1), slot("10:00", "11:00"), NOW, NOW, false))
               .expectNoEvents()
               .expectException(InvalidValueException.class);
    }

    /** An appointment of several calendars moves and is cancelled on all of them or on none: never here alone. */
    @Test
    void an_appointment_of_several_calendars_is_neither_moved_nor_cancelled_here_alone() {
        TimeSlot slot = slot("10:00", "11:00");
        List<Participant> participants = List.of(new Participant(ALICE, ParticipantRole.PATIENT),
                new Participant(new UserId("dr-lee"), ParticipantRole.PRACTITIONER));
        AppointmentDetails details = DETAILS.ofUsers(Participant.personalDataOf(participants));
        AppointmentBooked booked = new AppointmentBooked(ALICE, appointmentId(1), slot, details, List.of(), participants);
        Map<String, String> data = Map.of("appointmentId", appointmentId(1).toString());

        fixture.given(held(1, slot), booked)
               .when(new RescheduleAppointment(ALICE, appointmentId(1), slot("12:00", "13:00"), NOW, false))
               .expectException(refusal(CalendarError.APPOINTMENT_OF_SEVERAL_CALENDARS, data))
               .expectNoEvents();
        fixture.given(held(1, slot), booked)
               .when(new CancelAppointment(ALICE, appointmentId(1), "mine"))
               .expectException(refusal(CalendarError.APPOINTMENT_OF_SEVERAL_CALENDARS, data))
               .expectNoEvents();
        fixture.given(held(1, slot), booked)
               .when(new CancelAppointment(ALICE, appointmentId(1), "ill", true))
               .expectEvents(new AppointmentCancelled(ALICE, appointmentId(1), slot, "ill", List.of("alice", "dr-lee")));
    }

    private static final List<Participant> WITH_DR_LEE = List.of(new Participant(ALICE, ParticipantRole.PATIENT),
            new Participant(new UserId("dr-lee"), ParticipantRole.PRACTITIONER));

    private static AppointmentBooked ofSeveral(int number, TimeSlot slot) {
        return new AppointmentBooked(ALICE, appointmentId(number), slot, DETAILS, List.of(), WITH_DR_LEE);
    }

    /** A booking form's hold is said released as booked before it is booked, so that slot search sees it go. */
    @Test
    void a_booking_forms_hold_is_kept_as_lasting_and_said_gone_when_booked() {
        TimeSlot slot = slot("10:00", "11:00");
        HoldPlaced lasting = new HoldPlaced(ALICE, appointmentId(1), slot, EXPIRES, List.of(), true);
        fixture.givenNoPriorActivity()
               .when(new PlaceHold(ALICE, appointmentId(1), slot, EXPIRES, NOW, false))
               .expectEvents(lasting);
        fixture.given(lasting)
               .when(new ConfirmHold(ALICE, appointmentId(1), DETAILS, NOW, WITH_DR_LEE))
               .expectEvents(new HoldReleased(ALICE, appointmentId(1), slot, HoldReleased.BOOKED, true),
                       ofSeveral(1, slot));
        fixture.given(lasting)
               .when(new ReleaseHold(ALICE, appointmentId(1)))
               .expectEvents(new HoldReleased(ALICE, appointmentId(1), slot, HoldReleased.GIVEN_UP, true));
    }
}
