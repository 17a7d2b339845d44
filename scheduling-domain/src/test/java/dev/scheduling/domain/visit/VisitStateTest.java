package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.group.GroupAppointmentBooked;
import dev.scheduling.domain.group.GroupAppointmentCancelled;
import dev.scheduling.domain.group.GroupAppointmentRescheduled;
import dev.scheduling.domain.group.GroupBookingExpired;
import dev.scheduling.domain.group.GroupBookingRefused;
import dev.scheduling.domain.group.GroupBookingRequested;
import dev.scheduling.domain.group.GroupHoldBooked;
import dev.scheduling.domain.group.GroupHoldPlaced;
import dev.scheduling.domain.group.GroupHoldReleased;
import dev.scheduling.domain.group.GroupHoldRequested;
import dev.scheduling.domain.group.GroupRescheduleRefused;
import dev.scheduling.domain.group.GroupRescheduleRequested;
import dev.scheduling.domain.group.ParticipantHeld;
import dev.scheduling.domain.group.Refusal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.scheduling.domain.visit.VisitTestData.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The one fold of a visit's events, over the events of today and those the booking process wrote before. */
class VisitStateTest {

    private static final Instant HOLD_EXPIRES = NOW.plusSeconds(300);
    private static final AppointmentId MOVE = new AppointmentId(UUID.fromString("0b5e6a1c-0000-4000-8000-00000000000f"));

    private static VisitState fold(Object... events) {
        VisitState state = VisitState.NONE;
        for (Object event : events) {
            state = state.evolve(event);
        }
        return state;
    }

    @Test
    void a_visit_booked_moved_and_cancelled_folds_to_its_slot_and_status() {
        TimeSlot later = shifted(SLOT, 60);
        VisitState state = fold(new VisitBooked(VISIT, IN_ORDER, SLOT, VISIT_DETAILS),
                new VisitRescheduled(VISIT, SLOT, later));

        assertThat(state).isEqualTo(new VisitState(VISIT, IN_ORDER, later, VISIT_DETAILS, VisitStatus.BOOKED, null, null));
        assertThat(state.evolve(new VisitCancelled(VISIT, null, List.of())).status()).isEqualTo(VisitStatus.CANCELLED);
    }

    @Test
    void a_hold_is_held_until_its_expiry_then_expired_and_booked_from_it_keeps_no_expiry_in_its_answer() {
        VisitState held = fold(new VisitHeld(VISIT, IN_ORDER, SLOT, HOLD_EXPIRES, "desk"));

        assertThat(held.statusAt(HOLD_EXPIRES.minusNanos(1))).isEqualTo(VisitStatus.HELD);
        assertThat(held.statusAt(HOLD_EXPIRES)).isEqualTo(VisitStatus.EXPIRED);
        VisitState booked = held.evolve(new HeldVisitBooked(VISIT, VISIT_DETAILS));
        assertThat(booked.statusAt(HOLD_EXPIRES.plusSeconds(60))).isEqualTo(VisitStatus.BOOKED);
        assertThat(booked.details()).isEqualTo(VISIT_DETAILS);
        assertThat(held.evolve(new VisitHoldReleased(VISIT)).statusAt(NOW)).isEqualTo(VisitStatus.RELEASED);
    }

    @Test
    void the_booking_processs_booked_and_moved_visit_still_loads_as_booked_at_its_new_slot() {
        TimeSlot later = shifted(SLOT, 15);
        VisitState state = fold(new GroupBookingRequested(VISIT, IN_ORDER, SLOT, VISIT_DETAILS, NOW.plusSeconds(30), false),
                new ParticipantHeld(VISIT, ALICE), new ParticipantHeld(VISIT, DR_LEE), new ParticipantHeld(VISIT, ROOM_4),
                new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT),
                new GroupRescheduleRequested(VISIT, MOVE, IN_ORDER, SLOT, shifted(SLOT, 60), NOW, false),
                new GroupRescheduleRefused(VISIT, MOVE, List.of(new Refusal(ROOM_4, "appointment-overlap", null, null)),
                        List.of(ALICE)),
                new GroupAppointmentRescheduled(VISIT, MOVE, IN_ORDER, SLOT, later));

        assertThat(state).isEqualTo(new VisitState(VISIT, IN_ORDER, later, VISIT_DETAILS, VisitStatus.BOOKED, null, null));
        assertThat(state.evolve(new GroupAppointmentCancelled(VISIT, IN_ORDER, "ill")).status())
                .isEqualTo(VisitStatus.CANCELLED);
    }

    @Test
    void a_booking_the_process_never_booked_is_no_visit_and_its_hold_placed_everywhere_was_one() {
        assertThat(fold(new GroupBookingRequested(VISIT, IN_ORDER, SLOT, VISIT_DETAILS, NOW, false),
                new ParticipantHeld(VISIT, ALICE),
                new GroupBookingRefused(VISIT, List.of(new Refusal(DR_LEE, "appointment-overlap", null, null)),
                        List.of(ALICE))).exists()).isFalse();
        assertThat(fold(new GroupBookingRequested(VISIT, IN_ORDER, SLOT, VISIT_DETAILS, NOW, false),
                new GroupBookingExpired(VISIT, List.of())).exists()).isFalse();
        VisitState hold = fold(new GroupHoldRequested(VISIT, IN_ORDER, SLOT, HOLD_EXPIRES, false),
                new GroupHoldPlaced(VISIT, HOLD_EXPIRES));
        assertThat(hold.statusAt(NOW)).isEqualTo(VisitStatus.HELD);
        assertThat(hold.evolve(new GroupBookingExpired(VISIT, List.of())).statusAt(NOW)).isEqualTo(VisitStatus.EXPIRED);
        assertThat(hold.evolve(new GroupHoldReleased(VISIT, List.of())).status()).isEqualTo(VisitStatus.RELEASED);
        VisitState booked = hold.evolve(new GroupHoldBooked(VISIT, IN_ORDER, VISIT_DETAILS))
                                .evolve(new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT));
        assertThat(booked.status()).isEqualTo(VisitStatus.BOOKED);
        assertThat(booked.details()).isEqualTo(VISIT_DETAILS);
    }
}
