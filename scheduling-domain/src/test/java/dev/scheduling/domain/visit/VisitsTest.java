package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentBooked;
import dev.scheduling.domain.calendar.AppointmentCancelled;
import dev.scheduling.domain.calendar.AppointmentCancelledException;
import dev.scheduling.domain.calendar.AppointmentAlreadyStartedException;
import dev.scheduling.domain.calendar.AppointmentNotFoundException;
import dev.scheduling.domain.calendar.AppointmentOfSeveralCalendarsException;
import dev.scheduling.domain.calendar.AppointmentRescheduled;
import dev.scheduling.domain.calendar.AvailabilityRules;
import dev.scheduling.domain.calendar.BookAppointment;
import dev.scheduling.domain.calendar.CalendarNotPublishedException;
import dev.scheduling.domain.calendar.CancelAppointment;
import dev.scheduling.domain.calendar.HoldExpiredException;
import dev.scheduling.domain.calendar.HoldPlaced;
import dev.scheduling.domain.calendar.HoldReleased;
import dev.scheduling.domain.calendar.HoursRange;
import dev.scheduling.domain.calendar.IdempotencyKeyReusedException;
import dev.scheduling.domain.calendar.InvalidValueException;
import dev.scheduling.domain.calendar.RescheduleAppointment;
import dev.scheduling.domain.calendar.SetAvailability;
import dev.scheduling.domain.calendar.StartInPastException;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static dev.scheduling.domain.visit.VisitTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A visit decided in one unit of work, through Axon's command bus and repositories on an in-memory event store: each
 * calendar asked by its own rules, then all of them changed with the visit's own record in one commit, or none.
 */
class VisitsTest {

    private final Axon axon = new Axon();

    @AfterEach
    void stop() {
        axon.close();
    }

    @Test
    void a_visit_is_booked_on_every_calendar_and_its_own_record_in_one_commit_in_the_order_of_the_calendars_ids() {
        VisitOutcome outcome = axon.send(book(SLOT));

        assertThat(outcome.created()).isTrue();
        assertThat(outcome.visit().status()).isEqualTo(VisitStatus.BOOKED);
        assertThat(outcome.visit().participants()).containsExactlyElementsOf(IN_ORDER);
        assertThat(axon.commits).containsExactly(List.of("AppointmentBooked", "AppointmentBooked", "AppointmentBooked",
                "VisitBooked"));
        for (UserId calendar : List.of(ALICE, DR_LEE, ROOM_4)) {
            assertThat(axon.events(calendar)).containsExactly(
                    new AppointmentBooked(calendar, VISIT, SLOT, VISIT_DETAILS, List.of(), IN_ORDER));
        }
        assertThat(axon.events(VISIT)).containsExactly(new VisitBooked(VISIT, IN_ORDER, SLOT, VISIT_DETAILS));
    }

    @Test
    void a_refusal_names_each_calendar_that_refused_and_nothing_of_the_visit_is_written() {
        TimeSlot roomBusy = new TimeSlot(SLOT.start().minusSeconds(900), SLOT.start().plusSeconds(900));
        axon.send(new BookAppointment(ROOM_4, id(1), roomBusy, DETAILS, NOW));
        axon.send(new BookAppointment(ALICE, id(2), SLOT, DETAILS, NOW));
        long before = axon.eventCount();

        assertThatThrownBy(() -> axon.send(book(SLOT)))
                .isInstanceOfSatisfying(ParticipantsUnavailableException.class, refused -> {
                    assertThat(refused.appointmentId()).isEqualTo(VISIT);
                    assertThat(refused.refusals()).containsExactly(
                            new Refusal(ALICE, "appointment-overlap", SLOT.start(), SLOT.end()),
                            new Refusal(ROOM_4, "appointment-overlap", roomBusy.start(), roomBusy.end()));
                });
        assertThat(axon.eventCount()).isEqualTo(before);
        assertThat(axon.events(DR_LEE)).isEmpty();
        assertThat(axon.events(VISIT)).isEmpty();
    }

    @Test
    void the_same_visit_asked_again_is_answered_as_it_stands_and_another_visit_under_its_id_is_refused() {
        axon.send(book(SLOT));
        long before = axon.eventCount();

        VisitOutcome again = axon.send(book(SLOT));

        assertThat(again.created()).isFalse();
        assertThat(again.visit().status()).isEqualTo(VisitStatus.BOOKED);
        assertThat(axon.eventCount()).isEqualTo(before);
        TimeSlot later = new TimeSlot(SLOT.end(), SLOT.end().plusSeconds(1800));
        assertThatThrownBy(() -> axon.send(book(later))).isInstanceOf(IdempotencyKeyReusedException.class);
        assertThatThrownBy(() -> axon.send(new BookVisit(VISIT, List.of(PATIENT, ROOM), SLOT, DETAILS, NOW, false, null)))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(axon.eventCount()).isEqualTo(before);
    }

    @Test
    void a_user_books_themself_only_with_calendars_published_by_their_rules_as_they_stand() {
        BookVisit byAlice = new BookVisit(VISIT, List.of(PATIENT, PRACTITIONER), SLOT, DETAILS, NOW, false, ALICE);
        assertThatThrownBy(() -> axon.send(byAlice)).isInstanceOfSatisfying(CalendarNotPublishedException.class,
                refused -> assertThat(refused.data()).containsEntry("calendarId", "dr-lee"));
        assertThat(axon.eventCount()).isZero();

        axon.send(new SetAvailability(DR_LEE, openAllWeek(true)));
        VisitOutcome booked = axon.send(byAlice);

        assertThat(booked.visit().status()).isEqualTo(VisitStatus.BOOKED);
        axon.send(new SetAvailability(ROOM_4, openAllWeek(false)));
        assertThatThrownBy(() -> axon.send(new BookVisit(id(9), List.of(PATIENT, ROOM), shifted(SLOT, 60), DETAILS, NOW,
                false, ALICE))).isInstanceOf(CalendarNotPublishedException.class);
    }

    @Test
    void the_slot_is_checked_once_for_the_visit_a_start_in_the_past_and_bad_participants_are_refused_whole() {
        TimeSlot past = new TimeSlot(NOW.minusSeconds(3600), NOW.minusSeconds(1800));
        assertThatThrownBy(() -> axon.send(book(past))).isInstanceOf(StartInPastException.class);
        assertThatThrownBy(() -> axon.send(new BookVisit(VISIT, List.of(PATIENT), SLOT, DETAILS, NOW, false, null)))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        invalid -> assertThat(invalid.data()).containsEntry("field", "participants"));
        assertThatThrownBy(() -> axon.send(new BookVisit(VISIT, List.of(PATIENT, ROOM, PATIENT), SLOT, DETAILS, NOW,
                false, null))).isInstanceOfSatisfying(InvalidValueException.class,
                invalid -> assertThat(invalid.data()).containsEntry("field", "participants[2].calendarId"));
        assertThat(axon.eventCount()).isZero();
    }

    @Test
    void a_hold_keeps_the_slot_on_every_calendar_until_it_expires_then_each_calendar_reads_it_free() {
        Instant expiresAt = NOW.plus(Duration.ofMinutes(5));
        VisitOutcome held = axon.send(hold(SLOT, expiresAt));

        assertThat(held.visit().status()).isEqualTo(VisitStatus.HELD);
        assertThat(held.visit().heldBy()).isEqualTo("desk");
        assertThat(axon.commits).containsExactly(List.of("HoldPlaced", "HoldPlaced", "HoldPlaced", "VisitHeld"));
        assertThat(axon.events(ROOM_4)).containsExactly(new HoldPlaced(ROOM_4, VISIT, SLOT, expiresAt, List.of(), true));
        BookAppointment justBefore = new BookAppointment(ROOM_4, id(1), SLOT, DETAILS, expiresAt.minusNanos(1));
        assertThatThrownBy(() -> axon.send(justBefore)).hasMessageContaining("overlaps");

        axon.send(new BookAppointment(ROOM_4, id(1), SLOT, DETAILS, expiresAt));

        assertThat(axon.events(ROOM_4)).endsWith(new HoldReleased(ROOM_4, VISIT, SLOT, HoldReleased.EXPIRED, true),
                new AppointmentBooked(ROOM_4, id(1), SLOT, DETAILS));
        assertThat(axon.visit(VISIT).statusAt(expiresAt)).isEqualTo(VisitStatus.EXPIRED);
        assertThat(axon.visit(VISIT).statusAt(expiresAt.minusNanos(1))).isEqualTo(VisitStatus.HELD);
    }

    @Test
    void a_hold_is_booked_on_every_calendar_while_it_lasts_and_refused_from_its_expiry_on() {
        Instant expiresAt = NOW.plus(Duration.ofMinutes(5));
        axon.send(hold(SLOT, expiresAt));
        axon.send(new HoldVisit(id(2), AS_ASKED, shifted(SLOT, 60), NOW, expiresAt, false, null, "desk"));

        VisitOutcome booked = axon.send(new BookHeldVisit(VISIT, DETAILS, expiresAt.minusNanos(1)));

        assertThat(booked.created()).isTrue();
        assertThat(booked.visit().status()).isEqualTo(VisitStatus.BOOKED);
        assertThat(booked.visit().details()).isEqualTo(VISIT_DETAILS);
        assertThat(axon.events(DR_LEE)).endsWith(new HoldReleased(DR_LEE, VISIT, SLOT, HoldReleased.BOOKED, true),
                new AppointmentBooked(DR_LEE, VISIT, SLOT, VISIT_DETAILS, List.of(), IN_ORDER));
        assertThat(axon.commits.get(2)).containsExactly("HeldVisitBooked", "HoldReleased", "AppointmentBooked",
                "HoldReleased", "AppointmentBooked", "HoldReleased", "AppointmentBooked");
        assertThat(((VisitOutcome) axon.send(new BookHeldVisit(VISIT, DETAILS, expiresAt))).created())
                .as("the same booking again").isFalse();
        assertThatThrownBy(() -> axon.send(new BookHeldVisit(VISIT, new dev.scheduling.domain.calendar.AppointmentDetails("Other", null, ZoneId.of("UTC")),
                expiresAt.minusNanos(1)))).isInstanceOf(HoldExpiredException.class);
        long before = axon.eventCount();
        assertThatThrownBy(() -> axon.send(new BookHeldVisit(id(2), DETAILS, expiresAt)))
                .isInstanceOf(HoldExpiredException.class);
        assertThat(axon.eventCount()).isEqualTo(before);
    }

    @Test
    void a_released_hold_frees_every_calendar_at_once_and_is_booked_no_more() {
        Instant expiresAt = NOW.plus(Duration.ofMinutes(5));
        axon.send(hold(SLOT, expiresAt));

        VisitOutcome released = axon.send(new ReleaseVisitHold(VISIT, NOW));

        assertThat(released.visit().status()).isEqualTo(VisitStatus.RELEASED);
        assertThat(axon.commits.get(1)).containsExactly("VisitHoldReleased", "HoldReleased", "HoldReleased",
                "HoldReleased");
        assertThat(axon.calendar(ALICE).holds()).isEmpty();
        assertThatThrownBy(() -> axon.send(new BookHeldVisit(VISIT, DETAILS, NOW))).isInstanceOf(HoldExpiredException.class);
        long before = axon.eventCount();
        axon.send(new ReleaseVisitHold(VISIT, NOW));
        assertThat(axon.eventCount()).as("released again: nothing").isEqualTo(before);
        axon.send(new BookAppointment(ROOM_4, id(1), SLOT, DETAILS, NOW));
    }

    @Test
    void a_hold_released_after_its_expiry_changes_nothing_and_a_booked_one_is_refused() {
        Instant expiresAt = NOW.plus(Duration.ofMinutes(5));
        axon.send(hold(SLOT, expiresAt));
        long before = axon.eventCount();

        axon.send(new ReleaseVisitHold(VISIT, expiresAt));

        assertThat(axon.eventCount()).isEqualTo(before);
        axon.send(new HoldVisit(id(2), AS_ASKED, shifted(SLOT, 60), NOW, expiresAt, false, null, "desk"));
        axon.send(new BookHeldVisit(id(2), DETAILS, NOW));
        assertThatThrownBy(() -> axon.send(new ReleaseVisitHold(id(2), NOW))).isInstanceOf(HoldExpiredException.class);
    }

    @Test
    void a_visit_moves_on_every_calendar_even_over_the_slot_it_leaves_or_stays_where_it_is_on_every_calendar() {
        axon.send(book(SLOT));
        TimeSlot overlapping = shifted(SLOT, 15);

        VisitOutcome moved = axon.send(new RescheduleVisit(VISIT, overlapping, NOW, false, null));

        assertThat(moved.visit().slot()).isEqualTo(overlapping);
        assertThat(axon.commits.get(1)).containsExactly("VisitRescheduled", "AppointmentRescheduled",
                "AppointmentRescheduled", "AppointmentRescheduled");
        assertThat(axon.events(ROOM_4)).endsWith(new AppointmentRescheduled(ROOM_4, VISIT, SLOT, overlapping,
                VISIT_DETAILS, List.of(), IN_ORDER));
        TimeSlot taken = shifted(SLOT, 120);
        axon.send(new BookAppointment(DR_LEE, id(1), taken, DETAILS, NOW));
        long before = axon.eventCount();
        assertThatThrownBy(() -> axon.send(new RescheduleVisit(VISIT, taken, NOW, false, null)))
                .isInstanceOfSatisfying(ParticipantsUnavailableException.class, refused ->
                        assertThat(refused.refusals()).extracting(Refusal::calendarId).containsExactly(DR_LEE));
        assertThat(axon.eventCount()).isEqualTo(before);
        for (UserId calendar : List.of(ALICE, DR_LEE, ROOM_4)) {
            assertThat(axon.calendar(calendar).appointment(VISIT).slot()).isEqualTo(overlapping);
        }
        axon.send(new RescheduleVisit(VISIT, overlapping, NOW, false, null));
        assertThat(axon.eventCount()).as("there already: nothing").isEqualTo(before);
    }

    @Test
    void a_started_visit_does_not_move_and_a_cancelled_one_neither() {
        axon.send(book(SLOT));
        assertThatThrownBy(() -> axon.send(new RescheduleVisit(VISIT, shifted(SLOT, 60), SLOT.start(), false, null)))
                .isInstanceOf(AppointmentAlreadyStartedException.class);
        axon.send(new CancelVisit(VISIT, "ill"));
        assertThatThrownBy(() -> axon.send(new RescheduleVisit(VISIT, shifted(SLOT, 60), NOW, false, null)))
                .isInstanceOf(AppointmentCancelledException.class);
        assertThatThrownBy(() -> axon.send(new RescheduleVisit(id(7), shifted(SLOT, 60), NOW, false, null)))
                .isInstanceOf(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

    @Test
    void a_cancelled_visit_frees_every_calendar_with_its_reason_sealed_for_its_persons_and_again_changes_nothing() {
        axon.send(book(SLOT));

        VisitOutcome cancelled = axon.send(new CancelVisit(VISIT, "ill"));

        assertThat(cancelled.visit().status()).isEqualTo(VisitStatus.CANCELLED);
        assertThat(axon.commits.get(1)).containsExactly("VisitCancelled", "AppointmentCancelled", "AppointmentCancelled",
                "AppointmentCancelled");
        assertThat(axon.events(ROOM_4)).endsWith(new AppointmentCancelled(ROOM_4, VISIT, SLOT, "ill",
                List.of("alice", "dr-lee")));
        assertThat(axon.events(VISIT)).endsWith(new VisitCancelled(VISIT, "ill", List.of("alice", "dr-lee")));
        long before = axon.eventCount();
        axon.send(new CancelVisit(VISIT, "again"));
        assertThat(axon.eventCount()).isEqualTo(before);
        axon.send(new BookAppointment(ROOM_4, id(1), SLOT, DETAILS, NOW));
    }

    @Test
    void a_hold_is_no_appointment_to_cancel_and_a_visit_is_never_changed_on_one_calendar_alone() {
        axon.send(hold(SLOT, NOW.plusSeconds(300)));
        assertThatThrownBy(() -> axon.send(new CancelVisit(VISIT, null))).isInstanceOf(AppointmentNotFoundException.class);
        axon.send(new BookHeldVisit(VISIT, DETAILS, NOW));
        assertThatThrownBy(() -> axon.send(new CancelAppointment(ROOM_4, VISIT, null)))
                .isInstanceOf(AppointmentOfSeveralCalendarsException.class);
        assertThatThrownBy(() -> axon.send(new RescheduleAppointment(ROOM_4, VISIT, shifted(SLOT, 60), NOW)))
                .isInstanceOf(AppointmentOfSeveralCalendarsException.class);
    }

    private static HoldVisit hold(TimeSlot slot, Instant expiresAt) {
        return new HoldVisit(VISIT, AS_ASKED, slot, NOW, expiresAt, false, null, "desk");
    }

    private static AvailabilityRules openAllWeek(boolean published) {
        Map<DayOfWeek, List<HoursRange>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day, List.of(new HoursRange(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
        }
        return new AvailabilityRules(ZoneId.of("UTC"), weekly, Map.of(), null, null, null, null, published);
    }
}
