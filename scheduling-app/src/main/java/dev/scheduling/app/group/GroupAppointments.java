package dev.scheduling.app.group;

import dev.scheduling.app.calendar.CalendarCommands;
import dev.scheduling.app.calendar.RequestMetadata;
import dev.scheduling.app.eventstore.EventStoreOutages;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.ConfirmHold;
import dev.scheduling.domain.calendar.MoveToHold;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.ReleaseHold;
import dev.scheduling.domain.calendar.IdempotencyKeyReusedException;
import dev.scheduling.domain.group.BookGroupAppointment;
import dev.scheduling.domain.group.BookHeldAppointment;
import dev.scheduling.domain.group.PlaceGroupHold;
import dev.scheduling.domain.group.RescheduleGroupAppointment;
import dev.scheduling.domain.group.ReleaseGroupHold;
import dev.scheduling.domain.group.CancelGroupAppointment;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Books, reads and cancels appointments of several calendars. A booking is asked for here and decided by
 * {@code GroupBookingProcess} on whichever node's processor holds its segment; the caller waits for the decision by
 * reading the appointment's own events from the event store, so any node answers for any booking.
 */
public class GroupAppointments {

    /**
     * The longest pause between two reads of a waited-for appointment's events: the first reads come 5, 10, 20 ... ms
     * apart (most bookings are decided within 100 ms), later ones 100 ms apart, so that many callers waiting at once do
     * not crowd the event store with reads.
     */
    private static final long MAX_PAUSE_MILLIS = 100;

    private final CommandGateway gateway;
    private final EventStore eventStore;
    private final EventStoreOutages outages;
    private final Clock clock;
    private final GroupBookingProperties properties;
    private final CalendarCommands calendars;

    public GroupAppointments(CommandGateway gateway, EventStore eventStore, EventStoreOutages outages, Clock clock,
                             GroupBookingProperties properties, CalendarCommands calendars) {
        this.calendars = calendars;
        this.gateway = gateway;
        this.eventStore = eventStore;
        this.outages = outages;
        this.clock = clock;
        this.properties = properties;
    }

    /** When the holds of a booking asked for now lapse if it is not decided by then. */
    Instant holdsExpireAt(Instant requestedAt) {
        return requestedAt.plus(properties.holdsTtl());
    }

    /**
     * Asks for the booking, or finds the one asked for already under the same id (a retry with the same
     * Idempotency-Key, or two at once); {@code true} when this call created it. The same id for another appointment
     * is {@link IdempotencyKeyReusedException}.
     */
    boolean request(BookGroupAppointment command, RequestMetadata metadata) {
        Optional<GroupAppointmentView> existing = read(command.appointmentId());
        if (existing.isEmpty()) {
            try {
                outages.run(() -> gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                                                                          .andMetaData(metadata.toMetaData())));
                return true;
            } catch (RuntimeException failure) {
                if (!CalendarCommands.lostRace(failure)) {
                    throw failure;
                }
                existing = read(command.appointmentId()); // the same id was asked for at the same time
            }
        }
        GroupAppointmentView found = existing.orElseThrow();
        if (!found.wasRequestedAs(command.participants(), command.slot(), command.details())) {
            throw new IdempotencyKeyReusedException(command.appointmentId());
        }
        return false;
    }

    /**
     * Asks for a booking form's hold, or finds the one asked for already under the same id (a retry with the same
     * Idempotency-Key); {@code true} when this call created it. The same id for another hold is
     * {@link IdempotencyKeyReusedException}.
     */
    boolean requestHold(PlaceGroupHold command, RequestMetadata metadata) {
        Optional<GroupAppointmentView> existing = read(command.appointmentId());
        if (existing.isEmpty()) {
            try {
                send(command, metadata);
                return true;
            } catch (RuntimeException failure) {
                if (!CalendarCommands.lostRace(failure)) {
                    throw failure;
                }
                existing = read(command.appointmentId());
            }
        }
        GroupAppointmentView found = existing.orElseThrow();
        if (!found.isHold() || !found.isOf(command.participants(), command.slot())) {
            throw new IdempotencyKeyReusedException(command.appointmentId());
        }
        return false;
    }

    /** Books a live hold; one expired, released or booked already is refused ({@code hold-expired}). */
    void bookHold(BookHeldAppointment command, RequestMetadata metadata) {
        send(command, metadata);
    }

    /** Gives a hold up; one booked, expired or released already is left as it is. */
    void releaseHold(AppointmentId id, RequestMetadata metadata) {
        send(new ReleaseGroupHold(id), metadata);
    }

    /**
     * Sends a command to an appointment that exists, retried while it loses a race for the appointment's next event
     * (the process, or another node, appending at the same time).
     */
    private void send(Object command, RequestMetadata metadata) {
        calendars.send(command, metadata);
    }

    /**
     * Asks for a move; answers the id of the move being decided (this one, or the same move asked for already), or
     * null when the appointment is at that slot already.
     */
    AppointmentId requestMove(RescheduleGroupAppointment command, RequestMetadata metadata) {
        return calendars.send(command, metadata);
    }

    /**
     * Waits, up to {@code scheduling.group-bookings.answer-within}, for move {@code moveId} to be decided; answers the
     * appointment as it is then.
     */
    GroupAppointmentView awaitMove(AppointmentId id, AppointmentId moveId) {
        return await(id, view -> view.move(moveId).map(move -> move.outcome() != null).orElse(true)
                || view.status() == dev.scheduling.domain.group.GroupStatus.CANCELLED);
    }

    /**
     * Moves the appointment into the new slot's holds on every calendar now, so that a 200 means it moved on each;
     * the process does the same (a second move changes nothing), durably, should this node stop here.
     */
    void moveOnEveryCalendar(GroupAppointmentView moved, AppointmentId moveId, RequestMetadata metadata) {
        Instant now = clock.instant();
        for (Participant participant : moved.participants()) {
            calendars.send(new MoveToHold(participant.calendarId(), moved.id(), moveId, moved.slot(), now), metadata);
        }
    }

    /** The appointment as its events tell it now. */
    Optional<GroupAppointmentView> read(AppointmentId id) {
        return outages.call(() -> GroupAppointmentView.of(eventStore.readEvents(id.toString()).asStream()));
    }

    /**
     * Waits, up to {@code scheduling.group-bookings.answer-within}, for the booking to be decided; answers it as it
     * is then (still {@code PENDING} when the processes are slower than that).
     */
    GroupAppointmentView awaitDecision(AppointmentId id) {
        return await(id, GroupAppointmentView::isDecided);
    }

    private GroupAppointmentView await(AppointmentId id, java.util.function.Predicate<GroupAppointmentView> decided) {
        Instant giveUpAt = clock.instant().plus(properties.answerWithin());
        long pauseMillis = 5;
        while (true) {
            GroupAppointmentView view = read(id).orElseThrow();
            if (decided.test(view) || !clock.instant().isBefore(giveUpAt)) {
                return view;
            }
            LockSupport.parkNanos(Duration.ofMillis(pauseMillis).toNanos());
            pauseMillis = Math.min(MAX_PAUSE_MILLIS, pauseMillis * 2);
        }
    }

    /** Cancels a booked appointment on every calendar; one cancelled, refused or expired already is left as it is. */
    void cancel(AppointmentId id, String reason, RequestMetadata metadata) {
        send(new CancelGroupAppointment(id, reason), metadata);
    }

    /**
     * Books the held slots on every calendar now, so that a 201 means the appointment is on each of them; the booking
     * process does the same (the second confirmation changes nothing), durably, should this node stop here.
     */
    void confirmOnEveryCalendar(GroupAppointmentView booked, RequestMetadata metadata) {
        Instant now = clock.instant();
        for (Participant participant : booked.participants()) {
            calendars.send(new ConfirmHold(participant.calendarId(), booked.id(), booked.details(), now,
                    booked.participants()), metadata);
        }
    }

    /**
     * Releases the holds on every calendar now, so that a 409 or a released hold means nothing of it stays; the
     * booking process does the same (a second release changes nothing), durably, should this node stop here.
     */
    void releaseOnEveryCalendar(GroupAppointmentView given, String reason, RequestMetadata metadata) {
        releaseOnEveryCalendar(given, given.id(), reason, metadata);
    }

    /** The same for the holds of {@code holdId} (a move's). */
    void releaseOnEveryCalendar(GroupAppointmentView given, AppointmentId holdId, String reason, RequestMetadata metadata) {
        for (Participant participant : given.participants()) {
            calendars.sendToExisting(new ReleaseHold(participant.calendarId(), holdId, reason), metadata);
        }
    }
}
