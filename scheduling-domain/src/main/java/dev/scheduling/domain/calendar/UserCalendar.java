package dev.scheduling.domain.calendar;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;


import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's calendar. Its one invariant: active appointments never overlap. Created by its first booking.
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
        capacity.check(schedule(), command.requestedAt());
        schedule().conflictWith(command.slot(), null).ifPresent(conflicting -> {
            throw new AppointmentOverlapException(conflicting.id(), conflicting.slot());
        });
        apply(new AppointmentBooked(command.userId(), command.appointmentId(), command.slot(), command.details()));
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
        schedule().conflictWith(command.newSlot(), appointment.id()).ifPresent(conflicting -> {
            throw new AppointmentOverlapException(conflicting.id(), conflicting.slot());
        });
        apply(new AppointmentRescheduled(userId, appointment.id(), appointment.slot(), command.newSlot(),
                appointment.details()));
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

    /**
     * Erases once; again only after something personal was written since. Answers whether it erased anything. The
     * application destroys the user's key when it sees the event, in the same transaction.
     */
    @CommandHandler
    public boolean handle(ErasePersonalData command) {
        if (state.erased()) {
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

    private ActiveSchedule schedule() {
        return state.schedule();
    }
}
