package dev.scheduling.domain.calendar;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a calendar's events make of it, and the one fold that makes it: {@link #evolve} applies one event. The
 * calendar aggregate keeps one (and decides its commands on it); whatever rebuilds a calendar from its events (the
 * calendar as of an instant) uses the same fold, never one of its own.
 * <p>
 * Snapshots hold {@link #appointments}, {@link #holds}, {@link #availability} and {@link #personalDataWritten}; the
 * sorted index of busy slots (active appointments and holds) is derived from them and rebuilt on first use.
 */
public final class CalendarState {

    private Map<AppointmentId, Appointment> appointments = new HashMap<>();
    /** Slots kept for appointments not booked yet, lapsed ones included until an event clears them. */
    private Map<AppointmentId, Hold> holds = new HashMap<>();
    /** The rules of when the calendar can be booked; null: open at all times. */
    private AvailabilityRules availability;
    /** Whether something personal was written since the calendar began or was last erased: else erasing changes nothing. */
    private boolean personalDataWritten;
    private transient ActiveSchedule schedule;

    /** Applies one of the calendar's events; events of other kinds change nothing. */
    public CalendarState evolve(Object event) {
        if (event instanceof AppointmentBooked booked) {
            Appointment appointment = Appointment.booked(booked);
            personalDataWritten = true;
            Hold confirmed = holds.get(appointment.id());
            if (confirmed != null) {
                // the appointment takes its hold's place
                schedule().remove(confirmed.id(), confirmed.slot());
                holds.remove(confirmed.id());
            }
            schedule().add(appointment.id(), appointment.slot());
            appointments.put(appointment.id(), appointment);
        } else if (event instanceof AppointmentRescheduled rescheduled) {
            Appointment before = appointments.get(rescheduled.appointmentId());
            Appointment after = before.movedTo(rescheduled.newSlot());
            personalDataWritten = true;
            schedule().remove(before.id(), before.slot());
            schedule().add(after.id(), after.slot());
            appointments.put(after.id(), after);
        } else if (event instanceof AppointmentCancelled cancelled) {
            Appointment before = appointments.get(cancelled.appointmentId());
            personalDataWritten = true;
            schedule().remove(before.id(), before.slot());
            appointments.put(before.id(), before.cancelled());
        } else if (event instanceof ReminderSent sent) {
            appointments.computeIfPresent(sent.appointmentId(),
                    (id, appointment) -> appointment.withReminderSent(sent.reminderId()));
        } else if (event instanceof HoldPlaced placed) {
            Hold hold = new Hold(placed.appointmentId(), placed.slot(), placed.expiresAt(), placed.overriddenRules(),
                    placed.lasting());
            schedule().add(hold);
            holds.put(hold.id(), hold);
        } else if (event instanceof HoldReleased released) {
            Hold hold = holds.remove(released.appointmentId());
            if (hold != null) {
                schedule().remove(hold.id(), hold.slot());
            }
        } else if (event instanceof AvailabilityChanged changed) {
            availability = changed.rules();
        } else if (event instanceof PersonalDataErased) {
            // the titles and locations held in memory are forgotten too; slots and ids stay
            personalDataWritten = false;
            appointments.replaceAll((id, appointment) -> appointment.withoutPersonalData());
        }
        return this;
    }

    /** The appointment of that id, or null. */
    public Appointment appointment(AppointmentId id) {
        return appointments.get(id);
    }

    /** Every appointment the calendar ever held, cancelled ones too. */
    public Collection<Appointment> appointments() {
        return appointments.values();
    }

    /** The booked appointments, by start. */
    public List<Appointment> booked() {
        return appointments.values().stream().filter(Appointment::isActive)
                           .sorted(Comparator.comparing(appointment -> appointment.slot().start())).toList();
    }

    /** Every appointment's id, in a stable order (an erasure names them). */
    List<AppointmentId> appointmentIds() {
        return appointments.keySet().stream().sorted(Comparator.comparing(AppointmentId::toString)).toList();
    }

    /** The hold for appointment {@code id}, lapsed or not, or null. */
    public Hold hold(AppointmentId id) {
        return holds.get(id);
    }

    /** The holds not confirmed or released yet, lapsed ones included. */
    public Collection<Hold> holds() {
        return holds.values();
    }

    /** The calendar's availability rules; null when it has none (open at all times). */
    public AvailabilityRules availability() {
        return availability;
    }

    boolean personalDataWritten() {
        return personalDataWritten;
    }

    ActiveSchedule schedule() {
        if (schedule == null) {
            schedule = ActiveSchedule.of(appointments.values(), holds.values());
        }
        return schedule;
    }
}
