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
 * Snapshots hold {@link #appointments} and {@link #erased}; the sorted index of active slots is derived from them and
 * rebuilt on first use.
 */
public final class CalendarState {

    private Map<AppointmentId, Appointment> appointments = new HashMap<>();
    /** Whether nothing personal was written since the last erasure: erasing again changes nothing. */
    private boolean erased;
    private transient ActiveSchedule schedule;

    /** Applies one of the calendar's events; events of other kinds change nothing. */
    public CalendarState evolve(Object event) {
        if (event instanceof AppointmentBooked booked) {
            Appointment appointment = Appointment.booked(booked);
            erased = false;
            schedule().add(appointment.id(), appointment.slot());
            appointments.put(appointment.id(), appointment);
        } else if (event instanceof AppointmentRescheduled rescheduled) {
            Appointment before = appointments.get(rescheduled.appointmentId());
            Appointment after = before.movedTo(rescheduled.newSlot());
            erased = false;
            schedule().remove(before.slot());
            schedule().add(after.id(), after.slot());
            appointments.put(after.id(), after);
        } else if (event instanceof AppointmentCancelled cancelled) {
            Appointment before = appointments.get(cancelled.appointmentId());
            erased = false;
            schedule().remove(before.slot());
            appointments.put(before.id(), before.cancelled());
        } else if (event instanceof ReminderSent sent) {
            appointments.computeIfPresent(sent.appointmentId(),
                    (id, appointment) -> appointment.withReminderSent(sent.reminderId()));
        } else if (event instanceof PersonalDataErased) {
            // the titles and locations held in memory are forgotten too; slots and ids stay
            erased = true;
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

    boolean erased() {
        return erased;
    }

    ActiveSchedule schedule() {
        if (schedule == null) {
            schedule = ActiveSchedule.of(appointments.values());
        }
        return schedule;
    }
}
