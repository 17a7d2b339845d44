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
 * notice and horizon (staff may override the hours, notice and horizon, never an overlap). Created by its first booking
 * or its first rules.
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
    public String dataSubject() {
        return userId == null ? null : userId.value();
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
        refuseConflicts(command.slot(), null);
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
        slotPolicy.check(command.newSlot(), command.requestedAt());
        List<String> overridden = checkAvailability(command.newSlot(), command.requestedAt(),
                command.overrideAvailability());
        refuseConflicts(command.newSlot(), appointment.id());
        apply(new AppointmentRescheduled(userId, appointment.id(), appointment.slot(), command.newSlot(),
                appointment.details(), overridden));
        return state.appointment(appointment.id());
    }

    @CommandHandler
    public void handle(CancelAppointment command) {
        Appointment appointment = existing(command.appointmentId());
        if (appointment.isActive()) {
            apply(new AppointmentCancelled(userId, appointment.id(), appointment.slot(), command.reason()));
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
     * Refuses a slot that overlaps another active appointment ({@code moving} aside) or comes closer to one than the
     * rules' buffers allow: a search of the slot widened by the buffers, two look-ups in the sorted schedule.
     */
    private void refuseConflicts(TimeSlot slot, AppointmentId moving) {
        AvailabilityRules rules = state.availability();
        Duration separation = rules == null ? Duration.ZERO : rules.separation();
        TimeSlot kept = separation.isZero() ? slot
                : new TimeSlot(slot.start().minus(separation), slot.end().plus(separation));
        schedule().conflictWith(kept, moving).ifPresent(conflicting -> {
            throw new AppointmentOverlapException(conflicting.id(), conflicting.slot());
        });
    }

    /** What the calendar's events made of it (for tests of this package). */
    CalendarState state() {
        return state;
    }

    private ActiveSchedule schedule() {
        return state.schedule();
    }
}
