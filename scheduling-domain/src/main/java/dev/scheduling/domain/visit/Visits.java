package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.BookAppointment;
import dev.scheduling.domain.calendar.CalendarCapacity;
import dev.scheduling.domain.calendar.CalendarException;
import dev.scheduling.domain.calendar.CalendarNotPublishedException;
import dev.scheduling.domain.calendar.CancelAppointment;
import dev.scheduling.domain.calendar.ConfirmHold;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.PlaceHold;
import dev.scheduling.domain.calendar.ReleaseHold;
import dev.scheduling.domain.calendar.RescheduleAppointment;
import dev.scheduling.domain.calendar.SlotPolicy;
import dev.scheduling.domain.calendar.UserCalendar;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Decides visits, each command in one unit of work: every participant's calendar loaded in the order of their ids
 * (taken all at once where the application can, {@link CalendarsTogether}), asked whether it can take the change by its
 * own rules, and changed only when all agree; the visit's own record decides and records its part. The event store
 * appends the unit of work's events in one transaction: all of the visit or none. Two nodes deciding visits that
 * share a calendar collide on its unique (calendar, sequence) key; the loser rolls back whole and is tried again on
 * the calendars as they now are. Axon's external command handler ({@code repository.load(id).execute(...)}).
 */
public class Visits {

    private final Repository<UserCalendar> calendars;
    private final Repository<Visit> visits;
    private final EventStore eventStore;
    private final CalendarsTogether together;
    private final SlotPolicy slotPolicy;
    private final CalendarCapacity capacity;

    public Visits(Repository<UserCalendar> calendars, Repository<Visit> visits, EventStore eventStore,
                  CalendarsTogether together, SlotPolicy slotPolicy, CalendarCapacity capacity) {
        this.calendars = calendars;
        this.visits = visits;
        this.eventStore = eventStore;
        this.together = together;
        this.slotPolicy = slotPolicy;
        this.capacity = capacity;
    }

    @CommandHandler
    public VisitOutcome handle(BookVisit command) {
        Participants participants = new Participants(command.participants());
        AppointmentId id = command.appointmentId();
        Optional<Aggregate<Visit>> existing = find(id);
        if (existing.isPresent()) {
            return new VisitOutcome(existing.get().invoke(visit -> visit.bookedAgain(participants, command.slot(),
                    command.details())), false);
        }
        slotPolicy.check(command.slot(), command.requestedAt());
        AppointmentDetails details = command.details().ofUsers(participants.personalDataOf());
        onEveryCalendar(id, load(participants.inOrder(), command.selfBooking()), calendar -> new BookAppointment(calendar, id,
                        command.slot(), details, command.requestedAt(), command.overrideAvailability(),
                        participants.inOrder()),
                (calendar, booking) -> calendar.check(booking, slotPolicy, capacity),
                (calendar, booking) -> calendar.handle(booking, slotPolicy, capacity));
        return created(new VisitBooked(id, participants.inOrder(), command.slot(), details));
    }

    @CommandHandler
    public VisitOutcome handle(HoldVisit command) {
        Participants participants = new Participants(command.participants());
        AppointmentId id = command.appointmentId();
        Optional<Aggregate<Visit>> existing = find(id);
        if (existing.isPresent()) {
            return new VisitOutcome(existing.get().invoke(visit -> visit.heldAgain(participants, command.slot())), false);
        }
        slotPolicy.check(command.slot(), command.requestedAt());
        onEveryCalendar(id, load(participants.inOrder(), command.selfBooking()), calendar -> new PlaceHold(calendar, id,
                        command.slot(), command.expiresAt(), command.requestedAt(), command.overrideAvailability()),
                (calendar, hold) -> calendar.check(hold, slotPolicy, capacity),
                (calendar, hold) -> calendar.handle(hold, slotPolicy, capacity));
        return created(new VisitHeld(id, participants.inOrder(), command.slot(), command.expiresAt(),
                command.heldBy()));
    }

    @CommandHandler
    public VisitOutcome handle(BookHeldVisit command) {
        Aggregate<Visit> visit = visits.load(command.appointmentId().toString());
        VisitState held = visit.invoke(Visit::state);
        AppointmentDetails details = command.details().ofUsers(Participant.personalDataOf(held.participants()));
        boolean booked = visit.invoke(hold -> hold.book(details, command.requestedAt()));
        if (booked) {
            onEveryCalendar(held.id(), load(held.participants(), null), calendar -> new ConfirmHold(calendar, held.id(), details,
                    command.requestedAt(), held.participants()), UserCalendar::check, UserCalendar::handle);
        }
        return new VisitOutcome(visit.invoke(Visit::state), booked);
    }

    @CommandHandler
    public VisitOutcome handle(RescheduleVisit command) {
        Aggregate<Visit> visit = visits.load(command.appointmentId().toString());
        VisitState before = visit.invoke(Visit::state);
        if (visit.invoke(moved -> moved.reschedule(command.newSlot(), command.requestedAt()))) {
            slotPolicy.check(command.newSlot(), command.requestedAt());
            onEveryCalendar(before.id(), load(before.participants(), command.selfBooking()),
                    calendar -> new RescheduleAppointment(calendar, before.id(), command.newSlot(),
                            command.requestedAt(), command.overrideAvailability(), before.participants()),
                    (calendar, move) -> calendar.check(move, slotPolicy),
                    (calendar, move) -> calendar.handle(move, slotPolicy));
        }
        return new VisitOutcome(visit.invoke(Visit::state), false);
    }

    @CommandHandler
    public VisitOutcome handle(CancelVisit command) {
        Aggregate<Visit> visit = visits.load(command.appointmentId().toString());
        VisitState booked = visit.invoke(Visit::state);
        if (visit.invoke(cancelled -> cancelled.cancel(command.reason()))) {
            onEveryCalendar(booked.id(), load(booked.participants(), null), calendar -> new CancelAppointment(calendar, booked.id(),
                    command.reason(), true), (calendar, cancel) -> { }, UserCalendar::handle);
        }
        return new VisitOutcome(visit.invoke(Visit::state), false);
    }

    @CommandHandler
    public VisitOutcome handle(ReleaseVisitHold command) {
        Aggregate<Visit> visit = visits.load(command.appointmentId().toString());
        VisitState held = visit.invoke(Visit::state);
        if (visit.invoke(released -> released.release(command.requestedAt()))) {
            onEveryCalendar(held.id(), load(held.participants(), null), calendar -> new ReleaseHold(calendar, held.id()),
                    (calendar, release) -> { }, UserCalendar::handle);
        }
        return new VisitOutcome(visit.invoke(Visit::state), false);
    }

    /** Asks every calendar ({@code check} refuses as {@code change} would), then changes all, or names each refusal. */
    private <C> void onEveryCalendar(AppointmentId visit, Map<UserId, Aggregate<UserCalendar>> calendars,
                                     Function<UserId, C> command, BiConsumer<UserCalendar, C> check,
                                     BiConsumer<UserCalendar, C> change) {
        List<Refusal> refusals = new ArrayList<>();
        calendars.forEach((id, calendar) -> {
            try {
                calendar.execute(loaded -> check.accept(loaded, command.apply(id)));
            } catch (CalendarException refused) {
                refusals.add(Refusal.of(id, refused));
            }
        });
        if (!refusals.isEmpty()) {
            throw new ParticipantsUnavailableException(visit, refusals);
        }
        calendars.forEach((id, calendar) -> calendar.execute(loaded -> change.accept(loaded, command.apply(id))));
    }

    /** Every participant's calendar, by id; with {@code selfBooking}, each other one must be published now (403). */
    private Map<UserId, Aggregate<UserCalendar>> load(List<Participant> participants, UserId selfBooking) {
        List<UserId> ids = new Participants(participants).inOrder().stream().map(Participant::calendarId).toList();
        together.take(ids);
        Map<UserId, Aggregate<UserCalendar>> loaded = new LinkedHashMap<>();
        for (UserId id : ids) {
            Aggregate<UserCalendar> calendar = unchecked(() -> calendars.loadOrCreate(id.value(), UserCalendar::new));
            if (selfBooking != null && !selfBooking.equals(id) && !calendar.invoke(UserCalendar::isPublished)) {
                throw new CalendarNotPublishedException(id);
            }
            loaded.put(id, calendar);
        }
        return loaded;
    }

    /** The visit of that id, if its stream has any event (one look-up in the event store's index otherwise). */
    private Optional<Aggregate<Visit>> find(AppointmentId id) {
        return eventStore.lastSequenceNumberFor(id.toString()).map(last -> visits.load(id.toString()));
    }

    private VisitOutcome created(VisitEvent first) {
        Aggregate<Visit> visit = unchecked(() -> visits.newInstance(() -> new Visit(first)));
        return new VisitOutcome(visit.invoke(Visit::state), true);
    }

    /** Axon's repository declares {@code Exception}: its factories here throw none. */
    private static <T> T unchecked(Callable<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
