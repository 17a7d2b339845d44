package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentAlreadyStartedException;
import dev.scheduling.domain.calendar.AppointmentBeingMovedException;
import dev.scheduling.domain.calendar.AppointmentCancelledException;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.AppointmentNotFoundException;
import dev.scheduling.domain.calendar.HoldExpiredException;
import dev.scheduling.domain.calendar.InvalidValueException;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.ParticipantRole;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One appointment on several calendars: the decision of whether it is booked, kept apart from the calendars, each of
 * which still refuses overlaps itself. It is booked once every calendar holds its slot ({@link GroupBookingProcess}
 * places the holds one at a time, in the order of the calendars' ids, so that two bookings sharing calendars meet
 * on the first they share and cannot wait on each other), refused as soon as one calendar refuses, and expired when
 * its holds' time runs out first. Each outcome is final; the process then confirms or releases the holds.
 * <p>
 * A booking form's hold ({@link PlaceGroupHold}) is placed the same way but stops at {@code HELD}: the slot stays
 * busy on every calendar until {@link BookHeldAppointment} books it (before it expires), {@link ReleaseGroupHold}
 * gives it up, or its time runs out.
 * <p>
 * A booked appointment moves the same way ({@link RescheduleGroupAppointment}): the new slot is held on every calendar
 * in turn, and once all keep it the appointment is rescheduled into those holds; a refusal or the move's time running
 * out leaves it where it was.
 */
public class GroupAppointment {

    public static final int MIN_PARTICIPANTS = 2;
    public static final int MAX_PARTICIPANTS = 10;

    @AggregateIdentifier
    private AppointmentId appointmentId;
    private List<Participant> participants;
    private TimeSlot slot;
    private GroupStatus status;
    private Set<UserId> held = new LinkedHashSet<>();
    /** A booking form's hold, which stops at {@code HELD} once every calendar holds it. */
    private boolean holdOnly;
    private Instant holdExpiresAt;
    /** The move being decided, if any: one at a time. */
    private Move move;

    /** A move's id, its new slot and the calendars holding it so far. */
    private record Move(AppointmentId id, TimeSlot to, Set<UserId> held) {
    }

    protected GroupAppointment() {
        // for Axon
    }

    @CommandHandler
    public GroupAppointment(BookGroupAppointment command) {
        List<Participant> ordered = ordered(command.participants());
        if (!command.holdsExpireAt().isAfter(command.requestedAt())) {
            throw new InvalidValueException("holdsExpireAt", "must be after the time of the request");
        }
        apply(new GroupBookingRequested(command.appointmentId(), ordered, command.slot(),
                command.details().ofUsers(Participant.personalDataOf(ordered)),
                command.holdsExpireAt(), command.overrideAvailability()));
    }

    @CommandHandler
    public GroupAppointment(PlaceGroupHold command) {
        List<Participant> ordered = ordered(command.participants());
        if (!command.expiresAt().isAfter(command.requestedAt())) {
            throw new InvalidValueException("expiresAt", "must be after the time of the request");
        }
        apply(new GroupHoldRequested(command.appointmentId(), ordered, command.slot(), command.expiresAt(),
                command.overrideAvailability()));
    }

    /** Counts a calendar's hold; the last one books the appointment (or keeps a booking form's hold). Answers where the booking stands. */
    @CommandHandler
    public GroupStatus handle(RecordHold command) {
        if (status != GroupStatus.PENDING || held.contains(command.calendarId()) || !takesPart(command.calendarId())) {
            return status;
        }
        apply(new ParticipantHeld(appointmentId, command.calendarId()));
        if (held.size() == participants.size()) {
            apply(holdOnly ? new GroupHoldPlaced(appointmentId, holdExpiresAt)
                    : new GroupAppointmentBooked(appointmentId, participants, slot));
        }
        return status;
    }

    /** Books a live hold; a hold that expired (by {@code requestedAt}), was released or booked already is refused. */
    @CommandHandler
    public GroupStatus handle(BookHeldAppointment command) {
        if (status != GroupStatus.HELD || !command.requestedAt().isBefore(holdExpiresAt)) {
            throw new HoldExpiredException(appointmentId);
        }
        apply(new GroupHoldBooked(appointmentId, participants,
                command.details().ofUsers(Participant.personalDataOf(participants))));
        apply(new GroupAppointmentBooked(appointmentId, participants, slot));
        return status;
    }

    /** Gives up a booking form's hold, held or still being placed; anything else is left as it is. */
    @CommandHandler
    public GroupStatus handle(ReleaseGroupHold command) {
        if (holdOnly && (status == GroupStatus.HELD || status == GroupStatus.PENDING)) {
            apply(new GroupHoldReleased(appointmentId, List.copyOf(held)));
        }
        return status;
    }

    /** A calendar's refusal ends a pending booking; a booking decided already stays as it is. */
    @CommandHandler
    public GroupStatus handle(RecordRefusal command) {
        if (status == GroupStatus.PENDING && takesPart(command.refusal().calendarId())) {
            apply(new GroupBookingRefused(appointmentId, List.of(command.refusal()), List.copyOf(held)));
        }
        return status;
    }

    @CommandHandler
    public GroupStatus handle(ExpireGroupBooking command) {
        if (status == GroupStatus.PENDING || status == GroupStatus.HELD) {
            apply(new GroupBookingExpired(appointmentId, List.copyOf(held)));
        }
        return status;
    }

    /** Asks for a move; answers the id of the move being decided, or null when there is nothing to move. */
    @CommandHandler
    public AppointmentId handle(RescheduleGroupAppointment command) {
        if (status == GroupStatus.CANCELLED) {
            throw new AppointmentCancelledException(appointmentId);
        }
        if (status != GroupStatus.BOOKED) {
            throw new AppointmentNotFoundException(appointmentId);
        }
        if (move != null) {
            if (move.to().equals(command.newSlot())) {
                return move.id(); // the same move asked again: the one being decided
            }
            throw new AppointmentBeingMovedException(appointmentId, move.to());
        }
        if (slot.equals(command.newSlot())) {
            return null;
        }
        if (!slot.start().isAfter(command.requestedAt())) {
            throw new AppointmentAlreadyStartedException(appointmentId, slot.start());
        }
        if (!command.holdsExpireAt().isAfter(command.requestedAt())) {
            throw new InvalidValueException("holdsExpireAt", "must be after the time of the request");
        }
        apply(new GroupRescheduleRequested(appointmentId, command.moveId(), participants, slot, command.newSlot(),
                command.holdsExpireAt(), command.overrideAvailability()));
        return command.moveId();
    }

    /** Counts a calendar's hold of the new slot; the last one moves the appointment. */
    @CommandHandler
    public void handle(RecordMoveHold command) {
        if (status != GroupStatus.BOOKED || !isMove(command.moveId()) || move.held().contains(command.calendarId())
                || !takesPart(command.calendarId())) {
            return;
        }
        apply(new ParticipantHeldForMove(appointmentId, command.moveId(), command.calendarId()));
        if (move.held().size() == participants.size()) {
            apply(new GroupAppointmentRescheduled(appointmentId, command.moveId(), participants, slot, move.to()));
        }
    }

    /** A calendar's refusal ends the move: the appointment stays where it is. */
    @CommandHandler
    public void handle(RecordMoveRefusal command) {
        if (isMove(command.moveId()) && takesPart(command.refusal().calendarId())) {
            apply(new GroupRescheduleRefused(appointmentId, command.moveId(), List.of(command.refusal()),
                    List.copyOf(move.held())));
        }
    }

    @CommandHandler
    public void handle(ExpireGroupMove command) {
        if (isMove(command.moveId())) {
            apply(new GroupRescheduleExpired(appointmentId, command.moveId(), List.copyOf(move.held())));
        }
    }

    @CommandHandler
    public GroupStatus handle(UndoGroupBooking command) {
        if (status == GroupStatus.BOOKED) {
            apply(new GroupBookingUndone(appointmentId, command.reason()));
        }
        return status;
    }

    @CommandHandler
    public GroupStatus handle(CancelGroupAppointment command) {
        if (status == GroupStatus.BOOKED) {
            apply(new GroupAppointmentCancelled(appointmentId, participants, command.reason()));
        }
        return status;
    }

    @EventSourcingHandler
    void on(GroupBookingRequested event) {
        appointmentId = event.appointmentId();
        participants = event.participants();
        slot = event.slot();
        status = GroupStatus.PENDING;
    }

    @EventSourcingHandler
    void on(GroupHoldRequested event) {
        appointmentId = event.appointmentId();
        participants = event.participants();
        slot = event.slot();
        status = GroupStatus.PENDING;
        holdOnly = true;
        holdExpiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(GroupHoldPlaced event) {
        status = GroupStatus.HELD;
    }

    @EventSourcingHandler
    void on(GroupHoldReleased event) {
        status = GroupStatus.RELEASED;
    }

    @EventSourcingHandler
    void on(GroupRescheduleRequested event) {
        move = new Move(event.moveId(), event.newSlot(), new LinkedHashSet<>());
    }

    @EventSourcingHandler
    void on(ParticipantHeldForMove event) {
        move.held().add(event.calendarId());
    }

    @EventSourcingHandler
    void on(GroupAppointmentRescheduled event) {
        slot = event.newSlot();
        move = null;
    }

    @EventSourcingHandler
    void on(GroupRescheduleRefused event) {
        move = null;
    }

    @EventSourcingHandler
    void on(GroupRescheduleExpired event) {
        move = null;
    }

    @EventSourcingHandler
    void on(ParticipantHeld event) {
        held.add(event.calendarId());
    }

    @EventSourcingHandler
    void on(GroupAppointmentBooked event) {
        status = GroupStatus.BOOKED;
    }

    @EventSourcingHandler
    void on(GroupBookingRefused event) {
        status = GroupStatus.REFUSED;
    }

    @EventSourcingHandler
    void on(GroupBookingExpired event) {
        status = GroupStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(GroupBookingUndone event) {
        status = GroupStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(GroupAppointmentCancelled event) {
        status = GroupStatus.CANCELLED;
    }

    private boolean isMove(AppointmentId moveId) {
        return move != null && move.id().equals(moveId);
    }

    private boolean takesPart(UserId calendarId) {
        return participants.stream().anyMatch(participant -> participant.calendarId().equals(calendarId));
    }

    /**
     * The participants in the order their calendars are held: by calendar id. 2 to 10 distinct calendars, else
     * {@link InvalidValueException}.
     */
    static List<Participant> ordered(List<Participant> participants) {
        if (participants == null || participants.size() < MIN_PARTICIPANTS || participants.size() > MAX_PARTICIPANTS) {
            throw new InvalidValueException("participants", "must name " + MIN_PARTICIPANTS + " to " + MAX_PARTICIPANTS
                    + " calendars");
        }
        Set<UserId> seen = new HashSet<>();
        for (Participant participant : participants) {
            if (!seen.add(participant.calendarId())) {
                throw new InvalidValueException("participants", "names calendar " + participant.calendarId()
                        + " twice");
            }
        }
        List<Participant> ordered = new ArrayList<>(participants);
        ordered.sort(Comparator.comparing(participant -> participant.calendarId().value()));
        return List.copyOf(ordered);
    }
}
