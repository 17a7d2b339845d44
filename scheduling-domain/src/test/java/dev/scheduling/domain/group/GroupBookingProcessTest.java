package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentOverlapException;
import dev.scheduling.domain.calendar.CancelAppointment;
import dev.scheduling.domain.calendar.ConfirmHold;
import dev.scheduling.domain.calendar.HoldExpiredException;
import dev.scheduling.domain.calendar.MoveToHold;
import dev.scheduling.domain.calendar.PlaceHold;
import dev.scheduling.domain.calendar.ReleaseHold;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.ParticipantRole;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.scheduling.domain.group.GroupTestData.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Every step of the process that books an appointment of several calendars: held, refused, expired, confirmed, undone, cancelled. */
class GroupBookingProcessTest {

    private static final String VISIT_ID = VISIT.toString();
    private static final Instant CALENDAR_HOLDS_EXPIRE = HOLDS_EXPIRE.plus(GroupBookingProcess.CONFIRMATION_MARGIN);

    private SagaTestFixture<GroupBookingProcess> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(GroupBookingProcess.class);
        CommandGateway gateway = fixture.registerCommandGateway(CommandGateway.class);
        fixture.registerResource((ProcessCommands) (command, metaData) -> gateway.sendAndWait(command));
        fixture.givenCurrentTime(NOW);
    }

    private static PlaceHold hold(UserId calendar) {
        return new PlaceHold(calendar, VISIT, SLOT, CALENDAR_HOLDS_EXPIRE, NOW, false);
    }

    private static ReleaseHold release(UserId calendar, String reason) {
        return new ReleaseHold(calendar, VISIT, reason);
    }

    @Test
    void each_calendar_is_held_in_turn_by_id_and_each_hold_recorded_before_the_next() {
        fixture.givenNoPriorActivity()
               .whenAggregate(VISIT_ID).publishes(requested())
               .expectActiveSagas(1)
               .expectDispatchedCommands(hold(ALICE), new RecordHold(VISIT, ALICE), hold(DR_LEE),
                       new RecordHold(VISIT, DR_LEE), hold(ROOM_4), new RecordHold(VISIT, ROOM_4))
               .expectScheduledDeadlineWithName(HOLDS_EXPIRE, GroupBookingProcess.EXPIRY);
    }

    @Test
    void the_first_refusal_is_recorded_with_its_code_and_slot_and_nothing_after_it_is_asked() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof PlaceHold placing && placing.userId().equals(DR_LEE)) {
                throw new AppointmentOverlapException(new dev.scheduling.domain.calendar.AppointmentId(UUID.randomUUID()),
                        SLOT);
            }
            return null;
        });

        fixture.givenNoPriorActivity()
               .whenAggregate(VISIT_ID).publishes(requested())
               .expectDispatchedCommands(hold(ALICE), new RecordHold(VISIT, ALICE), hold(DR_LEE),
                       new RecordRefusal(VISIT, new Refusal(DR_LEE, "appointment-overlap", SLOT.start(), SLOT.end())));
    }

    @Test
    void refused_it_releases_every_calendar_and_ends() {
        fixture.givenAggregate(VISIT_ID).published(requested(), held(ALICE))
               .whenAggregate(VISIT_ID).publishes(new GroupBookingRefused(VISIT,
                       List.of(new Refusal(DR_LEE, "outside-availability", null, null)), List.of(ALICE)))
               .expectDispatchedCommands(release(ALICE, GroupBookingProcess.REFUSED),
                       release(DR_LEE, GroupBookingProcess.REFUSED), release(ROOM_4, GroupBookingProcess.REFUSED))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }

    @Test
    void a_calendar_that_never_existed_has_nothing_to_release() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReleaseHold releasing && releasing.userId().equals(ROOM_4)) {
                throw new AggregateNotFoundException("room-4", "no such calendar");
            }
            return null;
        });
        fixture.givenAggregate(VISIT_ID).published(requested())
               .whenAggregate(VISIT_ID).publishes(new GroupBookingRefused(VISIT,
                       List.of(new Refusal(ALICE, "notice-too-short", null, null)), List.of()))
               .expectActiveSagas(0);
    }

    @Test
    void out_of_time_it_expires_the_booking_then_releases_everything() {
        fixture.givenAggregate(VISIT_ID).published(requested(), held(ALICE))
               .whenTimeElapses(Duration.ofSeconds(31))
               .expectTriggeredDeadlinesWithName(GroupBookingProcess.EXPIRY)
               .expectDispatchedCommands(new ExpireGroupBooking(VISIT));
        fixture.givenAggregate(VISIT_ID).published(requested(), held(ALICE))
               .whenAggregate(VISIT_ID).publishes(new GroupBookingExpired(VISIT, List.of(ALICE)))
               .expectDispatchedCommands(release(ALICE, GroupBookingProcess.OUT_OF_TIME),
                       release(DR_LEE, GroupBookingProcess.OUT_OF_TIME), release(ROOM_4, GroupBookingProcess.OUT_OF_TIME))
               .expectActiveSagas(0);
    }

    @Test
    void booked_it_confirms_every_hold_as_of_the_request_and_ends() throws Exception {
        fixture.givenAggregate(VISIT_ID).published(requested(), held(ALICE), held(DR_LEE), held(ROOM_4))
               .andThenTimeElapses(Duration.ofSeconds(5))
               .whenAggregate(VISIT_ID).publishes(new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT))
               .expectDispatchedCommands(new ConfirmHold(ALICE, VISIT, VISIT_DETAILS, NOW, IN_ORDER),
                       new ConfirmHold(DR_LEE, VISIT, VISIT_DETAILS, NOW, IN_ORDER), new ConfirmHold(ROOM_4, VISIT, VISIT_DETAILS, NOW, IN_ORDER))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }

    @Test
    void a_hold_that_lapsed_and_was_taken_before_its_confirmation_undoes_the_booking_everywhere() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ConfirmHold confirming && confirming.userId().equals(ROOM_4)) {
                throw new HoldExpiredException(VISIT);
            }
            return null;
        });
        fixture.givenAggregate(VISIT_ID).published(requested(), held(ALICE), held(DR_LEE), held(ROOM_4))
               .whenAggregate(VISIT_ID).publishes(new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT))
               .expectDispatchedCommands(new ConfirmHold(ALICE, VISIT, VISIT_DETAILS, NOW, IN_ORDER),
                       new ConfirmHold(DR_LEE, VISIT, VISIT_DETAILS, NOW, IN_ORDER), new ConfirmHold(ROOM_4, VISIT, VISIT_DETAILS, NOW, IN_ORDER),
                       new UndoGroupBooking(VISIT, "the hold on room-4 lapsed before it was confirmed"))
               .expectActiveSagas(1);
        String reason = "the hold on room-4 lapsed before it was confirmed";
        fixture.givenAggregate(VISIT_ID).published(requested(), held(ALICE), held(DR_LEE), held(ROOM_4),
                       new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT))
               .whenAggregate(VISIT_ID).publishes(new GroupBookingUndone(VISIT, reason))
               .expectDispatchedCommands(new CancelAppointment(ALICE, VISIT, reason, true),
                       new CancelAppointment(DR_LEE, VISIT, reason, true), new CancelAppointment(ROOM_4, VISIT, reason, true),
                       release(ALICE, reason), release(DR_LEE, reason), release(ROOM_4, reason))
               .expectActiveSagas(0);
    }

    @Test
    void a_cancellation_reaches_every_calendar() {
        fixture.givenNoPriorActivity()
               .whenAggregate(VISIT_ID).publishes(new GroupAppointmentCancelled(VISIT, IN_ORDER, "patient called"))
               .expectDispatchedCommands(new CancelAppointment(ALICE, VISIT, "patient called", true),
                       new CancelAppointment(DR_LEE, VISIT, "patient called", true),
                       new CancelAppointment(ROOM_4, VISIT, "patient called", true))
               .expectActiveSagas(0);
    }

    @Test
    void the_details_it_keeps_are_personal_data_of_every_person_taking_part() {
        assertThat(Participant.personalDataOf(IN_ORDER)).containsExactly("alice", "dr-lee");
        assertThat(Participant.personalDataOf(List.of(ROOM, PRACTITIONER))).containsExactly("dr-lee");
        assertThat(Participant.personalDataOf(List.of(ROOM, new Participant(new UserId("xray-2"), ParticipantRole.DEVICE))))
                .containsExactly("room-4", "xray-2");
        assertThat(requested().dataSubjects()).containsExactly("alice", "dr-lee");
    }

    private static final Instant FORM_HOLDS_EXPIRE = HOLD_EXPIRES.plus(GroupBookingProcess.CONFIRMATION_MARGIN);

    private static PlaceHold formHold(UserId calendar) {
        return new PlaceHold(calendar, VISIT, SLOT, FORM_HOLDS_EXPIRE, NOW, false, null, true);
    }

    @Test
    void a_booking_forms_hold_is_placed_on_each_calendar_in_turn_until_its_expiry() {
        fixture.givenNoPriorActivity()
               .whenAggregate(VISIT_ID).publishes(holdRequested())
               .expectActiveSagas(1)
               .expectDispatchedCommands(formHold(ALICE), new RecordHold(VISIT, ALICE), formHold(DR_LEE),
                       new RecordHold(VISIT, DR_LEE), formHold(ROOM_4), new RecordHold(VISIT, ROOM_4))
               .expectScheduledDeadlineWithName(HOLD_EXPIRES, GroupBookingProcess.EXPIRY);
    }

    @Test
    void a_held_hold_waits_for_its_booking() {
        fixture.givenAggregate(VISIT_ID).published(holdRequested(), held(ALICE), held(DR_LEE), held(ROOM_4),
                       new GroupHoldPlaced(VISIT, HOLD_EXPIRES))
               .whenTimeElapses(Duration.ofMinutes(4))
               .expectNoDispatchedCommands()
               .expectActiveSagas(1);
    }

    @Test
    void a_booked_hold_is_confirmed_with_the_bookings_details_as_of_the_holds_request() {
        fixture.givenAggregate(VISIT_ID).published(holdRequested(), held(ALICE), held(DR_LEE), held(ROOM_4),
                       new GroupHoldPlaced(VISIT, HOLD_EXPIRES), new GroupHoldBooked(VISIT, IN_ORDER, VISIT_DETAILS))
               .whenAggregate(VISIT_ID).publishes(new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT))
               .expectDispatchedCommands(new ConfirmHold(ALICE, VISIT, VISIT_DETAILS, NOW, IN_ORDER),
                       new ConfirmHold(DR_LEE, VISIT, VISIT_DETAILS, NOW, IN_ORDER), new ConfirmHold(ROOM_4, VISIT, VISIT_DETAILS, NOW, IN_ORDER))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }

    @Test
    void a_hold_given_up_is_released_everywhere_and_its_expiry_cancelled() {
        fixture.givenAggregate(VISIT_ID).published(holdRequested(), held(ALICE), held(DR_LEE), held(ROOM_4),
                       new GroupHoldPlaced(VISIT, HOLD_EXPIRES))
               .whenAggregate(VISIT_ID).publishes(new GroupHoldReleased(VISIT, List.of(ALICE, DR_LEE, ROOM_4)))
               .expectDispatchedCommands(release(ALICE, GroupBookingProcess.RELEASED),
                       release(DR_LEE, GroupBookingProcess.RELEASED), release(ROOM_4, GroupBookingProcess.RELEASED))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }

    @Test
    void a_hold_not_booked_in_time_expires_and_is_released_everywhere() {
        fixture.givenAggregate(VISIT_ID).published(holdRequested(), held(ALICE), held(DR_LEE), held(ROOM_4),
                       new GroupHoldPlaced(VISIT, HOLD_EXPIRES))
               .whenTimeElapses(Duration.ofMinutes(5))
               .expectTriggeredDeadlinesWithName(GroupBookingProcess.EXPIRY)
               .expectDispatchedCommands(new ExpireGroupBooking(VISIT));
        fixture.givenAggregate(VISIT_ID).published(holdRequested(), held(ALICE), held(DR_LEE), held(ROOM_4),
                       new GroupHoldPlaced(VISIT, HOLD_EXPIRES))
               .whenAggregate(VISIT_ID).publishes(new GroupBookingExpired(VISIT, List.of(ALICE, DR_LEE, ROOM_4)))
               .expectDispatchedCommands(release(ALICE, GroupBookingProcess.OUT_OF_TIME),
                       release(DR_LEE, GroupBookingProcess.OUT_OF_TIME), release(ROOM_4, GroupBookingProcess.OUT_OF_TIME))
               .expectActiveSagas(0);
    }

    private static final Instant MOVE_HOLDS_EXPIRE = HOLDS_EXPIRE.plus(GroupBookingProcess.CONFIRMATION_MARGIN);

    private static PlaceHold moveHold(UserId calendar) {
        return new PlaceHold(calendar, MOVE, LATER, MOVE_HOLDS_EXPIRE, NOW, false, VISIT, false);
    }

    @Test
    void a_move_holds_the_new_slot_on_each_calendar_in_turn_beside_the_appointment() {
        fixture.givenAggregate(VISIT_ID).published(bookedVisit())
               .whenAggregate(VISIT_ID).publishes(moveRequested())
               .expectActiveSagas(1)
               .expectDispatchedCommands(moveHold(ALICE), new RecordMoveHold(VISIT, MOVE, ALICE), moveHold(DR_LEE),
                       new RecordMoveHold(VISIT, MOVE, DR_LEE), moveHold(ROOM_4), new RecordMoveHold(VISIT, MOVE, ROOM_4))
               .expectScheduledDeadlineWithName(HOLDS_EXPIRE, GroupBookingProcess.EXPIRY);
    }

    @Test
    void a_move_refused_by_a_calendar_is_recorded_and_its_holds_released() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof PlaceHold placing && placing.userId().equals(DR_LEE)) {
                throw new AppointmentOverlapException(new dev.scheduling.domain.calendar.AppointmentId(UUID.randomUUID()), LATER);
            }
            return null;
        });
        fixture.givenAggregate(VISIT_ID).published(bookedVisit())
               .whenAggregate(VISIT_ID).publishes(moveRequested())
               .expectDispatchedCommands(moveHold(ALICE), new RecordMoveHold(VISIT, MOVE, ALICE), moveHold(DR_LEE),
                       new RecordMoveRefusal(VISIT, MOVE, new Refusal(DR_LEE, "appointment-overlap", LATER.start(), LATER.end())));
    }

    @Test
    void refused_or_out_of_time_a_move_releases_its_holds_and_ends() {
        fixture.givenAggregate(VISIT_ID).published(then(bookedVisit(), moveRequested()))
               .whenAggregate(VISIT_ID).publishes(new GroupRescheduleRefused(VISIT, MOVE,
                       List.of(new Refusal(DR_LEE, "outside-availability", null, null)), List.of(ALICE)))
               .expectDispatchedCommands(new ReleaseHold(ALICE, MOVE, GroupBookingProcess.REFUSED),
                       new ReleaseHold(DR_LEE, MOVE, GroupBookingProcess.REFUSED),
                       new ReleaseHold(ROOM_4, MOVE, GroupBookingProcess.REFUSED))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }

    @Test
    void a_move_out_of_time_expires_the_move_not_the_appointment() {
        fixture.givenAggregate(VISIT_ID).published(then(bookedVisit(), moveRequested()))
               .whenTimeElapses(Duration.ofSeconds(31))
               .expectTriggeredDeadlinesWithName(GroupBookingProcess.EXPIRY)
               .expectDispatchedCommands(new ExpireGroupMove(VISIT, MOVE));
    }

    @Test
    void a_move_expired_releases_the_holds_of_the_new_slot() {
        fixture.givenAggregate(VISIT_ID).published(then(bookedVisit(), moveRequested()))
               .whenAggregate(VISIT_ID).publishes(new GroupRescheduleExpired(VISIT, MOVE, List.of()))
               .expectDispatchedCommands(new ReleaseHold(ALICE, MOVE, GroupBookingProcess.OUT_OF_TIME),
                       new ReleaseHold(DR_LEE, MOVE, GroupBookingProcess.OUT_OF_TIME),
                       new ReleaseHold(ROOM_4, MOVE, GroupBookingProcess.OUT_OF_TIME))
               .expectActiveSagas(0);
    }

    @Test
    void rescheduled_it_moves_the_appointment_into_the_hold_on_every_calendar_and_ends() {
        fixture.givenAggregate(VISIT_ID).published(then(bookedVisit(), moveRequested()))
               .whenAggregate(VISIT_ID).publishes(new GroupAppointmentRescheduled(VISIT, MOVE, IN_ORDER, SLOT, LATER))
               .expectDispatchedCommands(new MoveToHold(ALICE, VISIT, MOVE, LATER, NOW),
                       new MoveToHold(DR_LEE, VISIT, MOVE, LATER, NOW), new MoveToHold(ROOM_4, VISIT, MOVE, LATER, NOW))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }

    @Test
    void a_new_slots_hold_lapsed_and_taken_before_the_move_undoes_the_appointment_everywhere() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof MoveToHold moving && moving.userId().equals(DR_LEE)) {
                throw new HoldExpiredException(MOVE);
            }
            return null;
        });
        fixture.givenAggregate(VISIT_ID).published(then(bookedVisit(), moveRequested()))
               .whenAggregate(VISIT_ID).publishes(new GroupAppointmentRescheduled(VISIT, MOVE, IN_ORDER, SLOT, LATER))
               .expectDispatchedCommands(new MoveToHold(ALICE, VISIT, MOVE, LATER, NOW),
                       new MoveToHold(DR_LEE, VISIT, MOVE, LATER, NOW),
                       new UndoGroupBooking(VISIT, "the new slot's hold on dr-lee lapsed before the appointment moved into it"));
    }

    @Test
    void cancelled_during_a_move_the_appointment_and_the_moves_holds_go_everywhere() {
        fixture.givenAggregate(VISIT_ID).published(then(bookedVisit(), moveRequested()))
               .whenAggregate(VISIT_ID).publishes(new GroupAppointmentCancelled(VISIT, IN_ORDER, "ill"))
               .expectDispatchedCommands(new CancelAppointment(ALICE, VISIT, "ill", true),
                       new CancelAppointment(DR_LEE, VISIT, "ill", true), new CancelAppointment(ROOM_4, VISIT, "ill", true),
                       new ReleaseHold(ALICE, MOVE, GroupBookingProcess.CANCELLED),
                       new ReleaseHold(DR_LEE, MOVE, GroupBookingProcess.CANCELLED),
                       new ReleaseHold(ROOM_4, MOVE, GroupBookingProcess.CANCELLED))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }
}
