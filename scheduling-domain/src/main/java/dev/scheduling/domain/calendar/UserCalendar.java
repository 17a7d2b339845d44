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
 * notice and horizon (staff may override the hours, notice and horizon, never an overlap). Holds (slots kept for a
 * visit not booked yet) are busy time like appointments until they lapse. Created by its first booking, hold or
 * rules.
 * <p>
 * A visit of several calendars asks each of them first ({@code check}) and changes them only once all agree, in one
 * unit of work: so each change a visit makes has a check of its own here, which refuses exactly what the change's
 * handler would refuse and changes nothing.
 * <p>
 * Registered with Axon by the application (no Spring annotation here). It decides on a {@link CalendarState}, which
 * its events evolve (the one fold of the calendar's events) and snapshots hold.
 */
public class UserCalendar implements HoldsPersonalData {

    @AggregateIdentifier
    private UserId userId;
    private CalendarState state = new CalendarState();

    /** Created empty, then built from events or a snapshot, or by its first command (as a visit creates one). */
    public UserCalendar() {
    }

    @Override
    public List<String> dataSubjects() {
        return userId == null ? List.of() : List.of(userId.value());
    }

    /** Whether anyone may book this calendar together with their own (practitioners and rooms publish). */
    public boolean isPublished() {
        return state.availability() != null && state.availability().published();
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
        Admission admission = admit(command.slot(), null, command.requestedAt(), command.overrideAvailability(),
                slotPolicy, capacity);
        clear(admission.lapsed(), command.userId());
        apply(new AppointmentBooked(command.userId(), command.appointmentId(), command.slot(), command.details(),
                admission.overridden(), command.participants()));
        return BookingOutcome.created(state.appointment(command.appointmentId()));
    }

    /** Refuses a visit's booking as {@link #handle(BookAppointment, SlotPolicy, CalendarCapacity)} would. */
    public void check(BookAppointment command, SlotPolicy slotPolicy, CalendarCapacity capacity) {
        if (state.appointment(command.appointmentId()) != null || state.hold(command.appointmentId()) != null) {
            throw new IdempotencyKeyReusedException(command.appointmentId());
        }
        admit(command.slot(), null, command.requestedAt(), command.overrideAvailability(), slotPolicy, capacity);
    }

    @CommandHandler
    public Appointment handle(RescheduleAppointment command, SlotPolicy slotPolicy) {
        Appointment appointment = movable(command);
        if (appointment.slot().equals(command.newSlot())) {
            return appointment;
        }
        Admission admission = admit(command.newSlot(), appointment.id(), command.requestedAt(),
                command.overrideAvailability(), slotPolicy, null);
        clear(admission.lapsed(), userId);
        apply(new AppointmentRescheduled(userId, appointment.id(), appointment.slot(), command.newSlot(),
                appointment.details(), admission.overridden(), command.participants()));
        return state.appointment(appointment.id());
    }

    /** Refuses a visit's move as {@link #handle(RescheduleAppointment, SlotPolicy)} would. */
    public void check(RescheduleAppointment command, SlotPolicy slotPolicy) {
        Appointment appointment = movable(command);
        if (!appointment.slot().equals(command.newSlot())) {
            admit(command.newSlot(), appointment.id(), command.requestedAt(), command.overrideAvailability(),
                    slotPolicy, null);
        }
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
     * Keeps a slot for a visit not booked yet, checked as a booking is; answers the hold. The same hold again changes
     * nothing; the appointment's id used otherwise is refused as a reused key.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Hold handle(PlaceHold command, SlotPolicy slotPolicy, CalendarCapacity capacity) {
        Hold existing = state.hold(command.appointmentId());
        if (existing != null && existing.slot().equals(command.slot()) && existing.expiresAt().equals(command.expiresAt())) {
            return existing;
        }
        Admission admission = admitHold(command, slotPolicy, capacity);
        clear(admission.lapsed(), command.userId());
        apply(new HoldPlaced(command.userId(), command.appointmentId(), command.slot(), command.expiresAt(),
                admission.overridden(), true));
        return state.hold(command.appointmentId());
    }

    /** Refuses a visit's hold as {@link #handle(PlaceHold, SlotPolicy, CalendarCapacity)} would a new one. */
    public void check(PlaceHold command, SlotPolicy slotPolicy, CalendarCapacity capacity) {
        admitHold(command, slotPolicy, capacity);
    }

    /** Books a live hold's slot as its appointment; answers the appointment (the same again changes nothing). */
    @CommandHandler
    public Appointment handle(ConfirmHold command) {
        Appointment booked = state.appointment(command.appointmentId());
        if (booked != null && booked.isActive() && booked.details().equals(command.details())) {
            return booked;
        }
        Hold hold = confirmable(command);
        // said apart, so that what shows a booking form's holds as busy sees this one go
        apply(new HoldReleased(userId, hold.id(), hold.slot(), HoldReleased.BOOKED, hold.lasting()));
        apply(new AppointmentBooked(userId, hold.id(), hold.slot(), command.details(), hold.overriddenRules(),
                command.participants()));
        return state.appointment(hold.id());
    }

    /** Refuses a visit's booking of its hold as {@link #handle(ConfirmHold)} would. */
    public void check(ConfirmHold command) {
        confirmable(command);
    }

    /** Frees a hold's slot; nothing to do for a hold confirmed, released or never placed. */
    @CommandHandler
    public void handle(ReleaseHold command) {
        Hold hold = state.hold(command.appointmentId());
        if (hold != null) {
            apply(new HoldReleased(userId, hold.id(), hold.slot(), HoldReleased.GIVEN_UP, hold.lasting()));
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

    /** The appointment a reschedule moves, refused when it is cancelled, has started or moves only with the others. */
    private Appointment movable(RescheduleAppointment command) {
        Appointment appointment = existing(command.appointmentId());
        if (!appointment.isActive()) {
            throw new AppointmentCancelledException(appointment.id());
        }
        if (appointment.hasStartedAt(command.requestedAt())) {
            throw new AppointmentAlreadyStartedException(appointment);
        }
        if (appointment.ofSeveralCalendars() && command.participants().isEmpty()
                && !appointment.slot().equals(command.newSlot())) {
            throw new AppointmentOfSeveralCalendarsException(appointment.id());
        }
        return appointment;
    }

    private Admission admitHold(PlaceHold command, SlotPolicy slotPolicy, CalendarCapacity capacity) {
        if (state.hold(command.appointmentId()) != null || state.appointment(command.appointmentId()) != null) {
            throw new IdempotencyKeyReusedException(command.appointmentId());
        }
        if (!command.expiresAt().isAfter(command.requestedAt())) {
            throw new InvalidValueException("expiresAt", "must be after the time of the request");
        }
        return admit(command.slot(), null, command.requestedAt(), command.overrideAvailability(), slotPolicy, capacity);
    }

    /** The live hold a confirmation books; one that lapsed before the request, was released or never placed is refused. */
    private Hold confirmable(ConfirmHold command) {
        Hold hold = state.hold(command.appointmentId());
        if (hold == null || hold.hasLapsedAt(command.requestedAt())) {
            throw new HoldExpiredException(command.appointmentId());
        }
        return hold;
    }

    /** What a slot this calendar takes overrides of its rules, and the lapsed holds in its way, cleared before. */
    private record Admission(List<String> overridden, List<Hold> lapsed) {
    }

    /**
     * Every check of a slot to book, hold or move into ({@code moving}: the appointment moved, whose own slot is not
     * in the way; it does not count again toward the capacity, nor does anything when {@code capacity} is null).
     */
    private Admission admit(TimeSlot slot, AppointmentId moving, Instant at, boolean override, SlotPolicy slotPolicy,
                            CalendarCapacity capacity) {
        slotPolicy.check(slot, at);
        List<String> overridden = checkAvailability(slot, at, override);
        if (capacity != null) {
            capacity.check(schedule(), at);
        }
        return new Admission(overridden, refuseConflicts(slot, moving, at));
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
