package dev.scheduling.domain.calendar;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's calendar. Its one invariant: active appointments never overlap. Created by its first booking.
 * <p>
 * Registered with Axon by the application (no Spring annotation here). Snapshots hold {@link #appointments};
 * the sorted index of active slots is derived from it and rebuilt on first use after a snapshot is loaded.
 */
public class UserCalendar implements HoldsPersonalData {

    @AggregateIdentifier
    private UserId userId;
    private Map<AppointmentId, Appointment> appointments = new HashMap<>();
    /** Whether nothing personal was written since the last erasure: erasing again changes nothing. */
    private boolean erased;
    private transient ActiveSchedule schedule;

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
        Appointment existing = appointments.get(command.appointmentId());
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
        return BookingOutcome.created(appointments.get(command.appointmentId()));
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
        return appointments.get(appointment.id());
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
     * Erases once; again only after something personal was written since. Called by the application's erasure
     * handler, which destroys the user's key in the same transaction.
     */
    public boolean erase(ErasePersonalData command) {
        if (erased) {
            return false;
        }
        apply(new PersonalDataErased(userId, appointments.keySet().stream()
                .sorted(Comparator.comparing(AppointmentId::toString)).toList()));
        return true;
    }

    @EventSourcingHandler
    void on(AppointmentBooked event) {
        userId = event.userId();
        erased = false;
        Appointment appointment = Appointment.booked(event);
        schedule().add(appointment.id(), appointment.slot());
        appointments.put(appointment.id(), appointment);
    }

    @EventSourcingHandler
    void on(AppointmentRescheduled event) {
        Appointment before = appointments.get(event.appointmentId());
        Appointment after = before.movedTo(event.newSlot());
        erased = false;
        schedule().remove(before.slot());
        schedule().add(after.id(), after.slot());
        appointments.put(after.id(), after);
    }

    @EventSourcingHandler
    void on(AppointmentCancelled event) {
        Appointment before = appointments.get(event.appointmentId());
        erased = false;
        schedule().remove(before.slot());
        appointments.put(before.id(), before.cancelled());
    }

    /** The titles and locations this calendar holds in memory are forgotten too; slots and ids stay. */
    @EventSourcingHandler
    void on(PersonalDataErased event) {
        erased = true;
        appointments.replaceAll((id, appointment) -> appointment.withoutPersonalData());
    }

    @EventSourcingHandler
    void on(ReminderSent event) {
        appointments.computeIfPresent(event.appointmentId(),
                (id, appointment) -> appointment.withReminderSent(event.reminderId()));
    }

    private Appointment existing(AppointmentId id) {
        Appointment appointment = appointments.get(id);
        if (appointment == null) {
            throw new AppointmentNotFoundException(id);
        }
        return appointment;
    }

    private ActiveSchedule schedule() {
        if (schedule == null) {
            schedule = ActiveSchedule.of(appointments.values());
        }
        return schedule;
    }
}
