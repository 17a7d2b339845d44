package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.InvalidValueException;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.ParticipantRole;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

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
}
