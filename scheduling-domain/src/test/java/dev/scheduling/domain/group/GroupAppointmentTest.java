package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentAlreadyStartedException;
import dev.scheduling.domain.calendar.AppointmentBeingMovedException;
import dev.scheduling.domain.calendar.AppointmentCancelledException;
import dev.scheduling.domain.calendar.HoldExpiredException;
import dev.scheduling.domain.calendar.InvalidValueException;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.ParticipantRole;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.TimeSlot;

import java.util.List;
import java.util.stream.IntStream;

import static dev.scheduling.domain.group.GroupTestData.*;

/** The decision of an appointment with several participants: booked when every calendar holds it, else not at all. */
class GroupAppointmentTest {

    private final FixtureConfiguration<GroupAppointment> fixture = new AggregateTestFixture<>(GroupAppointment.class);
    private final Refusal roomBusy = new Refusal(ROOM_4, "appointment-overlap", SLOT.start(), SLOT.end());

    @Test
    void a_booking_holds_its_calendars_in_the_order_of_their_ids() {
        fixture.givenNoPriorActivity()
               .when(book(AS_ASKED))
               .expectEvents(requested());
    }

    @Test
    void fewer_than_two_more_than_ten_or_the_same_calendar_twice_is_refused() {
        fixture.givenNoPriorActivity().when(book(List.of(PATIENT)))
               .expectNoEvents().expectException(InvalidValueException.class);
        fixture.givenNoPriorActivity().when(book(List.of(PATIENT, PRACTITIONER,
                       new Participant(ALICE, ParticipantRole.OTHER))))
               .expectNoEvents().expectException(InvalidValueException.class);
        fixture.givenNoPriorActivity().when(book(IntStream.range(0, 11)
                       .mapToObj(i -> new Participant(new UserId("c-" + i), ParticipantRole.OTHER)).toList()))
               .expectNoEvents().expectException(InvalidValueException.class);
        fixture.givenNoPriorActivity()
               .when(new BookGroupAppointment(VISIT, AS_ASKED, SLOT, DETAILS, NOW, NOW, false))
               .expectNoEvents().expectException(InvalidValueException.class);
    }

    @Test
    void the_last_hold_books_it() {
        fixture.given(requested(), held(ALICE))
               .when(new RecordHold(VISIT, DR_LEE))
               .expectEvents(held(DR_LEE))
               .expectResultMessagePayload(GroupStatus.PENDING);
        fixture.given(requested(), held(ALICE), held(DR_LEE))
               .when(new RecordHold(VISIT, ROOM_4))
               .expectEvents(held(ROOM_4), new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT))
               .expectResultMessagePayload(GroupStatus.BOOKED);
    }

    @Test
    void a_hold_counted_already_or_of_another_calendar_changes_nothing() {
        fixture.given(requested(), held(ALICE))
               .when(new RecordHold(VISIT, ALICE))
               .expectNoEvents();
        fixture.given(requested())
               .when(new RecordHold(VISIT, new UserId("mallory")))
               .expectNoEvents();
    }

    @Test
    void a_refusal_ends_a_pending_booking_naming_what_it_held() {
        fixture.given(requested(), held(ALICE), held(DR_LEE))
               .when(new RecordRefusal(VISIT, roomBusy))
               .expectEvents(new GroupBookingRefused(VISIT, List.of(roomBusy), List.of(ALICE, DR_LEE)))
               .expectResultMessagePayload(GroupStatus.REFUSED);
    }

    @Test
    void once_decided_the_outcome_stays() {
        fixture.given(requested(), held(ALICE), new GroupBookingRefused(VISIT, List.of(roomBusy), List.of(ALICE)))
               .when(new RecordHold(VISIT, DR_LEE))
               .expectNoEvents()
               .expectResultMessagePayload(GroupStatus.REFUSED);
        fixture.given(requested(), held(ALICE), held(DR_LEE), held(ROOM_4), new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT))
               .when(new RecordRefusal(VISIT, roomBusy))
               .expectNoEvents()
               .expectResultMessagePayload(GroupStatus.BOOKED);
        fixture.given(requested(), held(ALICE), held(DR_LEE), held(ROOM_4), new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT))
               .when(new ExpireGroupBooking(VISIT))
               .expectNoEvents();
    }

    @Test
    void out_of_time_a_pending_booking_expires_naming_what_it_held() {
        fixture.given(requested(), held(ALICE))
               .when(new ExpireGroupBooking(VISIT))
               .expectEvents(new GroupBookingExpired(VISIT, List.of(ALICE)))
               .expectResultMessagePayload(GroupStatus.EXPIRED);
    }

    @Test
    void a_booked_appointment_is_cancelled_or_undone_on_all_its_calendars_and_a_pending_one_is_not() {
        fixture.given(requested(), held(ALICE), held(DR_LEE), held(ROOM_4), new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT))
               .when(new CancelGroupAppointment(VISIT, "patient called"))
               .expectEvents(new GroupAppointmentCancelled(VISIT, IN_ORDER, "patient called"));
        fixture.given(requested(), held(ALICE), held(DR_LEE), held(ROOM_4), new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT))
               .when(new UndoGroupBooking(VISIT, "a hold lapsed"))
               .expectEvents(new GroupBookingUndone(VISIT, "a hold lapsed"));
        fixture.given(requested())
               .when(new CancelGroupAppointment(VISIT, "patient called"))
               .expectNoEvents();
    }

    @Test
    void a_booking_forms_hold_is_placed_in_the_same_order_and_stops_at_held() {
        fixture.givenNoPriorActivity()
               .when(new PlaceGroupHold(VISIT, AS_ASKED, SLOT, NOW, HOLD_EXPIRES, false))
               .expectEvents(holdRequested());
        fixture.givenNoPriorActivity()
               .when(new PlaceGroupHold(VISIT, AS_ASKED, SLOT, NOW, NOW, false))
               .expectNoEvents().expectException(InvalidValueException.class);
        fixture.given(holdRequested(), held(ALICE), held(DR_LEE))
               .when(new RecordHold(VISIT, ROOM_4))
               .expectEvents(held(ROOM_4), new GroupHoldPlaced(VISIT, HOLD_EXPIRES))
               .expectResultMessagePayload(GroupStatus.HELD);
    }

    @Test
    void a_live_hold_is_booked_with_its_details_and_then_confirmed_everywhere() {
        fixture.given(heldEverywhere())
               .when(new BookHeldAppointment(VISIT, DETAILS, HOLD_EXPIRES.minusMillis(1)))
               .expectEvents(new GroupHoldBooked(VISIT, IN_ORDER, VISIT_DETAILS), new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT))
               .expectResultMessagePayload(GroupStatus.BOOKED);
    }

    @Test
    void a_hold_expired_released_booked_already_or_still_being_placed_is_not_booked() {
        fixture.given(heldEverywhere())
               .when(new BookHeldAppointment(VISIT, DETAILS, HOLD_EXPIRES))
               .expectNoEvents().expectException(HoldExpiredException.class);
        fixture.given(heldEverywhereThen(new GroupBookingExpired(VISIT, List.of(ALICE, DR_LEE, ROOM_4))))
               .when(new BookHeldAppointment(VISIT, DETAILS, NOW))
               .expectNoEvents().expectException(HoldExpiredException.class);
        fixture.given(heldEverywhereThen(new GroupHoldReleased(VISIT, List.of(ALICE, DR_LEE, ROOM_4))))
               .when(new BookHeldAppointment(VISIT, DETAILS, NOW))
               .expectNoEvents().expectException(HoldExpiredException.class);
        fixture.given(heldEverywhereThen(new GroupHoldBooked(VISIT, IN_ORDER, VISIT_DETAILS), new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT)))
               .when(new BookHeldAppointment(VISIT, DETAILS, NOW))
               .expectNoEvents().expectException(HoldExpiredException.class);
        fixture.given(holdRequested(), held(ALICE))
               .when(new BookHeldAppointment(VISIT, DETAILS, NOW))
               .expectNoEvents().expectException(HoldExpiredException.class);
        fixture.given(requested(), held(ALICE), held(DR_LEE), held(ROOM_4), new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT))
               .when(new BookHeldAppointment(VISIT, DETAILS, NOW))
               .expectNoEvents().expectException(HoldExpiredException.class);
    }

    @Test
    void a_hold_is_given_up_held_or_still_being_placed_and_a_booking_is_not() {
        fixture.given(heldEverywhere())
               .when(new ReleaseGroupHold(VISIT))
               .expectEvents(new GroupHoldReleased(VISIT, List.of(ALICE, DR_LEE, ROOM_4)))
               .expectResultMessagePayload(GroupStatus.RELEASED);
        fixture.given(holdRequested(), held(ALICE))
               .when(new ReleaseGroupHold(VISIT))
               .expectEvents(new GroupHoldReleased(VISIT, List.of(ALICE)));
        fixture.given(heldEverywhereThen(new GroupHoldReleased(VISIT, List.of(ALICE, DR_LEE, ROOM_4))))
               .when(new ReleaseGroupHold(VISIT))
               .expectNoEvents();
        fixture.given(requested(), held(ALICE))
               .when(new ReleaseGroupHold(VISIT))
               .expectNoEvents()
               .expectResultMessagePayload(GroupStatus.PENDING);
    }

    @Test
    void a_hold_out_of_time_expires_and_then_stays_expired() {
        fixture.given(heldEverywhere())
               .when(new ExpireGroupBooking(VISIT))
               .expectEvents(new GroupBookingExpired(VISIT, List.of(ALICE, DR_LEE, ROOM_4)))
               .expectResultMessagePayload(GroupStatus.EXPIRED);
        fixture.given(heldEverywhereThen(new GroupHoldBooked(VISIT, IN_ORDER, VISIT_DETAILS), new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT)))
               .when(new ExpireGroupBooking(VISIT))
               .expectNoEvents()
               .expectResultMessagePayload(GroupStatus.BOOKED);
    }

    private static Object[] heldEverywhere() {
        return heldEverywhereThen();
    }

    /** The hold placed on every calendar, then {@code later}. */
    private static Object[] heldEverywhereThen(Object... later) {
        List<Object> events = new java.util.ArrayList<>(List.of(holdRequested(), held(ALICE), held(DR_LEE), held(ROOM_4),
                new GroupHoldPlaced(VISIT, HOLD_EXPIRES)));
        events.addAll(List.of(later));
        return events.toArray();
    }

    private static RescheduleGroupAppointment move(TimeSlot to, AppointmentId moveId) {
        return new RescheduleGroupAppointment(VISIT, moveId, to, NOW, HOLDS_EXPIRE, false);
    }

    @Test
    void a_booked_appointment_is_moved_by_holding_the_new_slot_everywhere_first() {
        fixture.given(bookedVisit())
               .when(move(LATER, MOVE))
               .expectEvents(moveRequested())
               .expectResultMessagePayload(MOVE);
        fixture.given(then(bookedVisit(), moveRequested(), new ParticipantHeldForMove(VISIT, MOVE, ALICE),
                       new ParticipantHeldForMove(VISIT, MOVE, DR_LEE)))
               .when(new RecordMoveHold(VISIT, MOVE, ROOM_4))
               .expectEvents(new ParticipantHeldForMove(VISIT, MOVE, ROOM_4),
                       new GroupAppointmentRescheduled(VISIT, MOVE, IN_ORDER, SLOT, LATER));
    }

    @Test
    void a_move_to_where_it_is_or_the_same_move_again_asks_for_nothing_new() {
        fixture.given(bookedVisit())
               .when(move(SLOT, MOVE))
               .expectNoEvents()
               .expectResultMessagePayload(null);
        fixture.given(then(bookedVisit(), moveRequested()))
               .when(move(LATER, new AppointmentId(java.util.UUID.randomUUID())))
               .expectNoEvents()
               .expectResultMessagePayload(MOVE);
    }

    @Test
    void one_move_at_a_time_and_none_of_an_appointment_cancelled_started_or_never_booked() {
        fixture.given(then(bookedVisit(), moveRequested()))
               .when(move(new TimeSlot(LATER.start().plusSeconds(3600), LATER.end().plusSeconds(3600)), MOVE))
               .expectNoEvents()
               .expectException(AppointmentBeingMovedException.class);
        fixture.given(then(bookedVisit(), new GroupAppointmentCancelled(VISIT, IN_ORDER, null)))
               .when(move(LATER, MOVE))
               .expectNoEvents()
               .expectException(AppointmentCancelledException.class);
        fixture.given(bookedVisit())
               .when(new RescheduleGroupAppointment(VISIT, MOVE, LATER, SLOT.start(), SLOT.start().plusSeconds(30), false))
               .expectNoEvents()
               .expectException(AppointmentAlreadyStartedException.class);
        fixture.given(requested(), held(ALICE))
               .when(move(LATER, MOVE))
               .expectNoEvents()
               .expectException(dev.scheduling.domain.calendar.AppointmentNotFoundException.class);
    }

    @Test
    void a_refused_or_expired_move_leaves_it_where_it_was_and_the_next_move_may_start() {
        Refusal roomBusyLater = new Refusal(ROOM_4, "appointment-overlap", LATER.start(), LATER.end());
        fixture.given(then(bookedVisit(), moveRequested(), new ParticipantHeldForMove(VISIT, MOVE, ALICE)))
               .when(new RecordMoveRefusal(VISIT, MOVE, roomBusyLater))
               .expectEvents(new GroupRescheduleRefused(VISIT, MOVE, List.of(roomBusyLater), List.of(ALICE)));
        fixture.given(then(bookedVisit(), moveRequested(), new ParticipantHeldForMove(VISIT, MOVE, ALICE)))
               .when(new ExpireGroupMove(VISIT, MOVE))
               .expectEvents(new GroupRescheduleExpired(VISIT, MOVE, List.of(ALICE)));
        AppointmentId next = new AppointmentId(java.util.UUID.randomUUID());
        fixture.given(then(bookedVisit(), moveRequested(), new GroupRescheduleExpired(VISIT, MOVE, List.of())))
               .when(move(LATER, next))
               .expectEvents(new GroupRescheduleRequested(VISIT, next, IN_ORDER, SLOT, LATER, HOLDS_EXPIRE, false));
        fixture.given(then(bookedVisit(), moveRequested(), new GroupRescheduleExpired(VISIT, MOVE, List.of())))
               .when(new RecordMoveHold(VISIT, MOVE, ALICE))
               .expectNoEvents();
        fixture.given(then(bookedVisit(), moveRequested(), new GroupAppointmentRescheduled(VISIT, MOVE, IN_ORDER, SLOT, LATER)))
               .when(new ExpireGroupMove(VISIT, MOVE))
               .expectNoEvents();
    }
}
