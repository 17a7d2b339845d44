package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentAlreadyStartedException;
import dev.scheduling.domain.calendar.AppointmentCancelledException;
import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.AppointmentNotFoundException;
import dev.scheduling.domain.calendar.HoldExpiredException;
import dev.scheduling.domain.calendar.IdempotencyKeyReusedException;
import dev.scheduling.domain.calendar.TimeSlot;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A visit's own record: one appointment on several calendars, and where it stands. What it decides itself is its own
 * life: a hold is booked only while it lasts, a cancelled visit moves no more, a started one does not move, the same
 * request again changes nothing and another request under the same id is refused. Whether each calendar can take the
 * change, the calendar decides; {@link Visits} changes this record and asks the calendars in one unit of work, which
 * a refusal rolls back whole, so this record and its calendars never disagree.
 */
public class Visit {

    @AggregateIdentifier
    private AppointmentId appointmentId;
    private VisitState state = VisitState.NONE;

    protected Visit() {
        // for Axon: built from its events
    }

    /** A visit begins as what every one of its calendars has just agreed to: booked, or held. */
    Visit(VisitEvent first) {
        apply(first);
    }

    public VisitState state() {
        return state;
    }

    /** The same booking asked again under its id: the visit as it stands. Another booking under that id is refused. */
    VisitState bookedAgain(Participants participants, TimeSlot slot, AppointmentDetails details) {
        if (!state.wasBooked() || state.isHold() || !state.isOf(participants, slot)
                || !details.saysSameAs(state.details())) {
            throw new IdempotencyKeyReusedException(appointmentId);
        }
        return state;
    }

    /** The same hold asked again under its id: the hold as it stands. Another hold under that id is refused. */
    VisitState heldAgain(Participants participants, TimeSlot slot) {
        if (!state.exists() || !state.isHold() || !state.isOf(participants, slot)) {
            throw new IdempotencyKeyReusedException(appointmentId);
        }
        return state;
    }

    /**
     * Books the hold with {@code details}: true when it does so now, false when it was booked so already. One expired
     * (by {@code at}), released, or booked otherwise is refused.
     */
    boolean book(AppointmentDetails details, Instant at) {
        if (state.status() == VisitStatus.BOOKED && details.saysSameAs(state.details())) {
            return false;
        }
        if (state.statusAt(at) != VisitStatus.HELD) {
            throw new HoldExpiredException(appointmentId);
        }
        apply(new HeldVisitBooked(appointmentId, details));
        return true;
    }

    /**
     * Moves it to {@code newSlot}: true when it moves now, false when it is there already. A visit not booked is no
     * appointment to move (404); a cancelled one or one started by {@code at} is refused.
     */
    boolean reschedule(TimeSlot newSlot, Instant at) {
        if (state.status() == VisitStatus.CANCELLED) {
            throw new AppointmentCancelledException(appointmentId);
        }
        if (state.status() != VisitStatus.BOOKED) {
            throw AppointmentNotFoundException.visit(appointmentId);
        }
        if (state.slot().equals(newSlot)) {
            return false;
        }
        if (state.slot().hasStartedAt(at)) {
            throw new AppointmentAlreadyStartedException(appointmentId, state.slot().start());
        }
        apply(new VisitRescheduled(appointmentId, state.slot(), newSlot));
        return true;
    }

    /** Cancels it: true when it does so now, false when it was cancelled already; never booked is 404. */
    boolean cancel(String reason) {
        if (!state.wasBooked()) {
            throw AppointmentNotFoundException.visit(appointmentId);
        }
        if (state.status() == VisitStatus.CANCELLED) {
            return false;
        }
        apply(new VisitCancelled(appointmentId, reason, state.details().personalDataOf()));
        return true;
    }

    /** Gives the hold up: true when it does so now, false when it was released or expired by {@code at} already. */
    boolean release(Instant at) {
        if (state.wasBooked()) {
            throw new HoldExpiredException(appointmentId);
        }
        if (state.statusAt(at) != VisitStatus.HELD) {
            return false;
        }
        apply(new VisitHoldReleased(appointmentId));
        return true;
    }

    @EventSourcingHandler
    void on(Object event) {
        state = state.evolve(event);
        if (appointmentId == null) {
            appointmentId = state.id();
        }
    }
}
