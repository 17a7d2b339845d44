package dev.scheduling.domain.calendar;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;


import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's calendar. Its invariant: active appointments never overlap, and, when the calendar has
 * {@link AvailabilityRules}, a booking or a move lies inside its open hours, keeps its buffers free and respects its
 * notice and horizon (staff may override the hours, notice and horizon, never an overlap). Holds (slots kept for an
 * appointment not booked yet) are busy time like appointments until they lapse. Created by its first booking, hold
 * or rules.
 * <p>
 * Registered with Axon by the application (no Spring annotation here). It decides on a {@link CalendarState}, which
 * its events evolve (the one fold of the calendar's events) and snapshots hold.
 */
public class UserCalendar implements HoldsPersonalData {

    @AggregateIdentifier
    private UserId userId;
    private CalendarState state = new CalendarState();

    protected UserCalendar() {
        // for Axon: created empty, then built from events or a snapshot
    }

    @Override
    public List<String> dataSubjects() {
        return userId == null ? List.of() : List.of(userId.value());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public BookingOutcome handle(BookAppointment command, SlotPolicy slotPolicy, CalendarCapacity capacity) {
        Appointment existing = state.appointment(command.appointmentId());
        if (existing != null) {
            if (!existing.wasBookedAs(command.slot(), command.details())) {
                throw new IdempotencyKeyReusedException(command.appointmentId());
            }
            return BookingOutcome.alreadyBooked(existing);
        }
        slotPolicy.check(command.slot(), command.requestedAt());
        List<String> overridden = checkAvailability(command.slot(), command.requestedAt(),
                command.overrideAvailability());
        capacity.check(schedule(), command.requestedAt());
        List<Hold> lapsed = refuseConflicts(command.slot(), null, command.requestedAt());
        clear(lapsed, command.userId());
        apply(new AppointmentBooked(command.userId(), command.appointmentId(), command.slot(), command.details(),
                overridden));
        return BookingOutcome.created(state.appointment(command.appointmentId()));
    }

    @CommandHandler
    public Appointment handle(RescheduleAppointment command, SlotPolicy slotPolicy) {
        Appointment appointment = existing(command.appointmentId());
        if (!appointment.isActive()) {
            throw new AppointmentCancelledException(appointment.id());
        }
        if (appointment.hasStartedAt(command.requestedAt())) {
            throw new AppointmentAlreadyStartedException(appointment);
        }
        if (appointment.slot().equals(command.newSlot())) {
            return appointment;
        }
        if (appointment.ofSeveralCalendars()) {
            throw new AppointmentOfSeveralCalendarsException(appointment.id());
        }
        slotPolicy.check(command.newSlot(), command.requestedAt());
        List<String> overridden = checkAvailability(command.newSlot(), command.requestedAt(),
                command.overrideAvailability());
        clear(refuseConflicts(command.newSlot(), appointment.id(), command.requestedAt()), userId);
        apply(new AppointmentRescheduled(userId, appointment.id(), appointment.slot(), command.newSlot(),
                appointment.details(), overridden));
        return state.appointment(appointment.id());
    }

    @CommandHandler
    public void handle(CancelAppointment command) {
        Appointment appointment = existing(command.appointmentId());
        if (appointment.isActive() && appointment.ofSeveralCalendars() && !command.everywhere()) {
            throw new AppointmentOfSeveralCalendarsException(appointment.id());
        }
        if (appointment.isActive()) {
            apply(new AppointmentCancelled(userId, appointment.id(), appointment.slot(), command.reason(),
                    appointment.details().personalDataOf()));
        }
    }

    /** Records a reminder once; a reminder of a since-cancelled appointment still went out and is recorded. */
    @CommandHandler
    public void handle(RecordReminderSent command) {
        Appointment appointment = existing(command.appointmentId());
        if (!appointment.hasSent(command.reminderId())) {
            apply(new ReminderSent(userId, appointment.id(), command.reminderId(), command.offset(), command.dueAt()));
        }
    }

    /**
     * Keeps a slot for an appointment not booked yet, checked as a booking is; answers the hold. The same hold again
     * changes nothing; the appointment's id used otherwise is refused as a reused key.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Hold handle(PlaceHold command, SlotPolicy slotPolicy, CalendarCapacity capacity) {
        Hold existing = state.hold(command.appointmentId());
        if (existing != null && existing.slot().equals(command.slot()) && existing.expiresAt().equals(command.expiresAt())) {
            return existing;
        }
        if (existing != null || state.appointment(command.appointmentId()) != null) {
            throw new IdempotencyKeyReusedException(command.appointmentId());
        }
        if (!command.expiresAt().isAfter(command.requestedAt())) {
            throw new InvalidValueException("expiresAt", "must be after the time of the request");
        }
        if (command.moving() != null) {
            Appointment moving = existing(command.moving());
            if (!moving.isActive()) {
                throw new AppointmentCancelledException(moving.id());
            }
        }
        slotPolicy.check(command.slot(), command.requestedAt());
        List<String> overridden = checkAvailability(command.slot(), command.requestedAt(),
                command.overrideAvailability());
        if (command.moving() == null) {
            capacity.check(schedule(), command.requestedAt());
        }
        clear(refuseConflicts(command.slot(), command.moving(), command.requestedAt()), command.userId());
        apply(new HoldPlaced(command.userId(), command.appointmentId(), command.slot(), command.expiresAt(), overridden,
                command.lasting()));
        return state.hold(command.appointmentId());
    }

    /** Books a live hold's slot as its appointment; answers the appointment (the same again changes nothing). */
    @CommandHandler
    public Appointment handle(ConfirmHold command) {
        Appointment booked = state.appointment(command.appointmentId());
        if (booked != null) {
            if (booked.isActive() && booked.details().equals(command.details())) {
                return booked;
            }
            throw new HoldExpiredException(command.appointmentId());
        }
        Hold hold = state.hold(command.appointmentId());
        if (hold == null || hold.hasLapsedAt(command.requestedAt())) {
            throw new HoldExpiredException(command.appointmentId());
        }
        if (hold.lasting()) {
            // said apart, so that what shows a booking form's holds as busy sees this one go
            apply(new HoldReleased(userId, hold.id(), hold.slot(), HoldReleased.BOOKED, true));
        }
        apply(new AppointmentBooked(userId, hold.id(), hold.slot(), command.details(), hold.overriddenRules(),
                command.participants()));
        return state.appointment(hold.id());
    }

    /**
     * Moves an appointment of several calendars into the slot its hold keeps (the hold is used up); answers the
     * appointment. Already there: nothing changes.
     */
    @CommandHandler
    public Appointment handle(MoveToHold command) {
        Appointment appointment = existing(command.appointmentId());
        if (!appointment.isActive()) {
            throw new AppointmentCancelledException(appointment.id());
        }
        Hold hold = state.hold(command.holdId());
        if (hold == null && appointment.slot().equals(command.slot())) {
            return appointment;
        }
        if (hold == null || hold.hasLapsedAt(command.requestedAt()) || !hold.slot().equals(command.slot())) {
            throw new HoldExpiredException(command.holdId());
        }
        apply(new HoldReleased(userId, hold.id(), hold.slot(), HoldReleased.MOVED_INTO));
        apply(new AppointmentRescheduled(userId, appointment.id(), appointment.slot(), hold.slot(),
                appointment.details(), hold.overriddenRules()));
        return state.appointment(appointment.id());
    }

    /** Frees a hold's slot; nothing to do for a hold confirmed, released or never placed. */
    @CommandHandler
    public void handle(ReleaseHold command) {
        Hold hold = state.hold(command.appointmentId());
        if (hold != null) {
            apply(new HoldReleased(userId, hold.id(), hold.slot(), command.reason(), hold.lasting()));
        }
    }

    /** Sets the rules whole; answers whether they changed (the same rules again change nothing). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(SetAvailability command) {
        if (command.rules().equals(state.availability())) {
            return false;
        }
        apply(new AvailabilityChanged(command.userId(), command.rules()));
        return true;
    }

    /** Removes the rules; answers whether there were any. */
    @CommandHandler
    public boolean handle(RemoveAvailability command) {
        if (state.availability() == null) {
            return false;
        }
        apply(new AvailabilityChanged(userId, null));
        return true;
    }

    /**
     * Erases once; again only after something personal was written since. Answers whether it erased anything. The
     * application destroys the user's key when it sees the event, in the same transaction.
     */
    @CommandHandler
    public boolean handle(ErasePersonalData command) {
        if (!state.personalDataWritten()) {
            return false;
        }
        apply(new PersonalDataErased(userId, state.appointmentIds()));
        return true;
    }

    @EventSourcingHandler
    void on(AppointmentBooked event) {
        userId = event.userId();
        state.evolve(event);
    }

    @EventSourcingHandler
    void on(HoldPlaced event) {
        userId = event.userId();
        state.evolve(event);
    }

    @EventSourcingHandler
    void on(AvailabilityChanged event) {
        userId = event.userId();
        state.evolve(event);
    }

    /** Every other event of the calendar only evolves its state. */
    @EventSourcingHandler
    void on(Object event) {
        state.evolve(event);
    }

    private Appointment existing(AppointmentId id) {
        Appointment appointment = state.appointment(id);
        if (appointment == null) {
            throw new AppointmentNotFoundException(id);
        }
        return appointment;
    }

    /**
     * The codes of the availability rules {@code slot} breaks, which an override lets through; without one, the first
     * of them is refused. None without rules.
     */
    private List<String> checkAvailability(TimeSlot slot, Instant requestedAt, boolean override) {
        AvailabilityRules rules = state.availability();
        if (rules == null) {
            return List.of();
        }
        List<CalendarException> broken = new ArrayList<>(3);
        if (!rules.isOpenThroughout(slot)) {
            broken.add(new OutsideAvailabilityException(slot, rules.timeZone()));
        }
        Instant earliest = rules.earliestStart(requestedAt);
        if (slot.start().isBefore(earliest)) {
            broken.add(new NoticeTooShortException(slot.start(), earliest));
        }
        Instant latest = rules.latestStart(requestedAt);
        if (latest != null && slot.start().isAfter(latest)) {
            broken.add(new BeyondBookingHorizonException(slot.start(), latest));
        }
        if (broken.isEmpty()) {
            return List.of();
        }
        if (!override) {
            throw broken.get(0);
        }
        return broken.stream().map(refusal -> refusal.error().code()).toList();
    }

    /**
     * Refuses a slot that overlaps another active appointment or live hold ({@code moving} aside) or comes closer to
     * one than the rules' buffers allow: a search of the slot widened by the buffers, two look-ups in the sorted
     * schedule (more only past lapsed holds). Answers the holds lapsed at {@code at} that lie in the way, which the
     * command clears before it takes their place.
     */
    private List<Hold> refuseConflicts(TimeSlot slot, AppointmentId moving, Instant at) {
        AvailabilityRules rules = state.availability();
        Duration separation = rules == null ? Duration.ZERO : rules.separation();
        TimeSlot kept = separation.isZero() ? slot
                : new TimeSlot(slot.start().minus(separation), slot.end().plus(separation));
        ActiveSchedule.Clash clash = schedule().clashAt(kept, moving, at);
        clash.conflict().ifPresent(conflicting -> {
            throw new AppointmentOverlapException(conflicting.id(), conflicting.slot());
        });
        return clash.lapsed().stream().map(entry -> state.hold(entry.id())).toList();
    }

    /** Records the lapsed holds in the way of what a command is about to record as released ({@code expired}). */
    private void clear(List<Hold> lapsed, UserId calendar) {
        for (Hold hold : lapsed) {
            apply(new HoldReleased(calendar, hold.id(), hold.slot(), HoldReleased.EXPIRED, hold.lasting()));
        }
    }

    /** What the calendar's events made of it (for tests of this package). */
    CalendarState state() {
        return state;
    }

    private ActiveSchedule schedule() {
        return state.schedule();
    }
}
