package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.group.GroupAppointmentBooked;
import dev.scheduling.domain.group.GroupAppointmentCancelled;
import dev.scheduling.domain.group.GroupAppointmentRescheduled;
import dev.scheduling.domain.group.GroupBookingExpired;
import dev.scheduling.domain.group.GroupBookingRefused;
import dev.scheduling.domain.group.GroupBookingRequested;
import dev.scheduling.domain.group.GroupBookingUndone;
import dev.scheduling.domain.group.GroupHoldBooked;
import dev.scheduling.domain.group.GroupHoldPlaced;
import dev.scheduling.domain.group.GroupHoldReleased;
import dev.scheduling.domain.group.GroupHoldRequested;

import java.time.Instant;
import java.util.List;

/**
 * A visit as its events make it, and the one fold that makes it ({@link #evolve}): the {@link Visit} aggregate decides
 * on it, and whatever reads a visit from the event store folds its events with it. It also folds the events the
 * booking process wrote before visits were decided in one transaction ({@code dev.scheduling.domain.group}): a visit
 * that process never booked, or a hold it never placed on every calendar, is {@link #NONE}, as a refused visit is now.
 *
 * @param status        null while there is no visit (nothing of it was ever on every calendar)
 * @param details       null for a hold not booked
 * @param holdExpiresAt when it began as a booking form's hold: when that hold expires; else null
 * @param heldBy        who placed the hold (who may book it or give it up besides staff); null for a booking, and for
 *                      holds of the booking process
 */
public record VisitState(AppointmentId id, List<Participant> participants, TimeSlot slot, AppointmentDetails details,
                         VisitStatus status, Instant holdExpiresAt, String heldBy) {

    /** Before its first event. */
    public static final VisitState NONE = new VisitState(null, List.of(), null, null, null, null, null);

    /** Applies one of the visit's events; events of other kinds change nothing. */
    public VisitState evolve(Object event) {
        if (event instanceof VisitBooked booked) {
            return new VisitState(booked.appointmentId(), booked.participants(), booked.slot(), booked.details(),
                    VisitStatus.BOOKED, null, null);
        }
        if (event instanceof VisitHeld held) {
            return new VisitState(held.appointmentId(), held.participants(), held.slot(), null, VisitStatus.HELD,
                    held.expiresAt(), held.heldBy());
        }
        if (event instanceof HeldVisitBooked booked) {
            return new VisitState(id, participants, slot, booked.details(), VisitStatus.BOOKED, holdExpiresAt, heldBy);
        }
        if (event instanceof VisitRescheduled moved) {
            return at(moved.newSlot());
        }
        if (event instanceof VisitHoldReleased || event instanceof GroupHoldReleased) {
            return with(VisitStatus.RELEASED);
        }
        if (event instanceof VisitCancelled || event instanceof GroupAppointmentCancelled
                || event instanceof GroupBookingUndone) {
            return with(VisitStatus.CANCELLED);
        }
        return evolveWritten(event);
    }

    /** The booking process's events: a request becomes a visit only once it was booked (or held) everywhere. */
    private VisitState evolveWritten(Object event) {
        if (event instanceof GroupBookingRequested requested) {
            return new VisitState(requested.appointmentId(), requested.participants(), requested.slot(),
                    requested.details(), null, null, null);
        }
        if (event instanceof GroupHoldRequested requested) {
            return new VisitState(requested.appointmentId(), requested.participants(), requested.slot(), null, null,
                    requested.expiresAt(), null);
        }
        if (event instanceof GroupHoldPlaced) {
            return with(VisitStatus.HELD);
        }
        if (event instanceof GroupHoldBooked booked) {
            return new VisitState(id, participants, slot, booked.details(), status, holdExpiresAt, heldBy);
        }
        if (event instanceof GroupAppointmentBooked) {
            return with(VisitStatus.BOOKED);
        }
        if (event instanceof GroupAppointmentRescheduled moved) {
            return at(moved.newSlot());
        }
        if (event instanceof GroupBookingRefused || event instanceof GroupBookingExpired) {
            return with(status == VisitStatus.HELD ? VisitStatus.EXPIRED : null);
        }
        return this;
    }

    /** Whether there is a visit of this id (held, booked, or so once). */
    public boolean exists() {
        return status != null;
    }

    /** Where it stands at {@code now}: a hold not booked by its expiry has expired. */
    public VisitStatus statusAt(Instant now) {
        return status == VisitStatus.HELD && !now.isBefore(holdExpiresAt) ? VisitStatus.EXPIRED : status;
    }

    /** Whether it began as a booking form's hold. */
    public boolean isHold() {
        return holdExpiresAt != null;
    }

    /** Whether it is on its calendars as a booked appointment, or was (cancelled since). */
    public boolean wasBooked() {
        return status == VisitStatus.BOOKED || status == VisitStatus.CANCELLED;
    }

    public boolean takesPart(String calendarId) {
        return participants.stream().anyMatch(participant -> participant.calendarId().value().equals(calendarId));
    }

    /** Whether it is of these participants (in any order) and this slot. */
    public boolean isOf(Participants requested, TimeSlot requestedSlot) {
        return requestedSlot.equals(slot) && requested.inOrder().equals(participants);
    }

    private VisitState with(VisitStatus newStatus) {
        return new VisitState(id, participants, slot, details, newStatus, holdExpiresAt, heldBy);
    }

    private VisitState at(TimeSlot newSlot) {
        return new VisitState(id, participants, newSlot, details, status, holdExpiresAt, heldBy);
    }
}
