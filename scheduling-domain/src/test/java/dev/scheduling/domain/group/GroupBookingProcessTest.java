package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentOverlapException;
import dev.scheduling.domain.calendar.CancelAppointment;
import dev.scheduling.domain.calendar.ConfirmHold;
import dev.scheduling.domain.calendar.HoldExpiredException;
import dev.scheduling.domain.calendar.PlaceHold;
import dev.scheduling.domain.calendar.ReleaseHold;
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
               .expectDispatchedCommands(new ConfirmHold(ALICE, VISIT, DETAILS, NOW, IN_ORDER),
                       new ConfirmHold(DR_LEE, VISIT, DETAILS, NOW, IN_ORDER), new ConfirmHold(ROOM_4, VISIT, DETAILS, NOW, IN_ORDER))
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
               .expectDispatchedCommands(new ConfirmHold(ALICE, VISIT, DETAILS, NOW, IN_ORDER),
                       new ConfirmHold(DR_LEE, VISIT, DETAILS, NOW, IN_ORDER), new ConfirmHold(ROOM_4, VISIT, DETAILS, NOW, IN_ORDER),
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
    void the_details_it_keeps_are_the_patients_personal_data() {
        assertThat(GroupAppointment.dataSubjectOf(IN_ORDER)).isEqualTo("alice");
        assertThat(GroupAppointment.dataSubjectOf(List.of(ROOM, PRACTITIONER))).isEqualTo("dr-lee");
        assertThat(requested().dataSubject()).isEqualTo("alice");
    }
}
