package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.CalendarException;
import dev.scheduling.domain.calendar.CancelAppointment;
import dev.scheduling.domain.calendar.ConfirmHold;
import dev.scheduling.domain.calendar.HoldsPersonalData;
import dev.scheduling.domain.calendar.MoveToHold;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.PlaceHold;
import dev.scheduling.domain.calendar.ReleaseHold;
import dev.scheduling.domain.calendar.TimeSlot;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Books an appointment of several calendars all or nothing. It holds the slot on each calendar in turn, in the order
 * of their ids (two bookings that share calendars meet on the first they share, so neither holds a calendar the
 * other waits for), and reports each hold or the first refusal to the {@link GroupAppointment}, which decides. Booked:
 * it confirms every hold into the appointment. Refused, or out of time (a deadline at the holds' expiry): it releases
 * whatever it held. A booking form's hold ({@link GroupHoldRequested}) is placed the same way and kept until it is
 * booked ({@link GroupHoldBooked}, then as above), given up or out of time. Each step is idempotent, so an event delivered again (after a node died, say) repeats nothing.
 * <p>
 * The calendars' holds last {@link #CONFIRMATION_MARGIN} beyond the booking's own deadline, so that a booking decided
 * in time is confirmed before any of its holds can lapse; a hold left behind by a booking that never finished stops
 * counting by itself when it lapses. It never reads a clock: times come from the events.
 */
public class GroupBookingProcess implements HoldsPersonalData {

    public static final String EXPIRY = "group-booking-expiry";
    public static final String REFUSED = "another participant refused";
    public static final String OUT_OF_TIME = "the booking ran out of time";
    public static final String RELEASED = "the hold was given up";
    public static final String CANCELLED = "the appointment was cancelled";
    static final Duration CONFIRMATION_MARGIN = Duration.ofMinutes(2);
    private static final String ASSOCIATION = "appointmentId";

    private AppointmentId appointmentId;
    private List<Participant> participants;
    private TimeSlot slot;
    /** Personal data of {@link #dataSubjects()}, for the confirmations. */
    private AppointmentDetails details;
    private Instant holdsExpireAt;
    /** When the booking was asked for: the time every calendar is asked at. */
    private Instant requestedAt;
    private boolean overrideAvailability;
    private String expiryDeadline;
    /**
     * The id the calendars' holds are placed under: the appointment's for a booking or a booking form's hold (null in
     * processes started before moves existed), the move's for a move.
     */
    private AppointmentId holdId;
    /** Whether this process moves a booked appointment (its holds then replace the appointment's slot). */
    private boolean moving;
    /** Whether its holds are a booking form's, kept until booked (shown as busy by slot search). */
    private boolean forBookingForm;

    @Override
    public List<String> dataSubjects() {
        return participants == null ? List.of() : Participant.personalDataOf(participants);
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(GroupBookingRequested event, @Timestamp Instant requestedAt, ProcessCommands commands, MetaData metaData,
                   DeadlineManager deadlines) {
        details = event.details();
        start(event.appointmentId(), requestedAt, event.participants(), event.slot(), event.holdsExpireAt(),
                event.overrideAvailability());
        placeHolds(commands, metaData, deadlines);
    }

    /**
     * A booking form's hold: placed on every calendar as for a booking, then kept until it is booked, released or its
     * time runs out (the same deadline).
     */
    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(GroupHoldRequested event, @Timestamp Instant requestedAt, ProcessCommands commands, MetaData metaData,
                   DeadlineManager deadlines) {
        start(event.appointmentId(), requestedAt, event.participants(), event.slot(), event.expiresAt(),
                event.overrideAvailability());
        forBookingForm = true;
        placeHolds(commands, metaData, deadlines);
    }

    /**
     * A move of a booked appointment: the new slot is held on every calendar in turn under the move's id (each
     * calendar lets it overlap the slot it leaves), then the appointment moves into the holds, or stays.
     */
    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(GroupRescheduleRequested event, @Timestamp Instant requestedAt, ProcessCommands commands,
                   MetaData metaData, DeadlineManager deadlines) {
        start(event.appointmentId(), requestedAt, event.participants(), event.newSlot(), event.holdsExpireAt(),
                event.overrideAvailability());
        holdId = event.moveId();
        moving = true;
        placeHolds(commands, metaData, deadlines);
    }

    private void start(AppointmentId appointment, Instant askedAt, List<Participant> taking, TimeSlot held,
                       Instant expiresAt, boolean override) {
        appointmentId = appointment;
        requestedAt = askedAt;
        participants = taking;
        slot = held;
        holdsExpireAt = expiresAt;
        overrideAvailability = override;
    }

    /**
     * Every calendar holds the new slot: the appointment moves into the hold on each, as of the request (as bookings
     * are confirmed). A hold that lapsed and was taken meanwhile undoes the appointment everywhere.
     */
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(GroupAppointmentRescheduled event, ProcessCommands commands, MetaData metaData,
                   DeadlineManager deadlines) {
        deadlines.cancelSchedule(EXPIRY, expiryDeadline);
        for (Participant participant : participants) {
            try {
                commands.send(new MoveToHold(participant.calendarId(), appointmentId, event.moveId(), event.newSlot(),
                        requestedAt), metaData);
            } catch (RuntimeException failure) {
                refusal(failure);
                commands.send(new UndoGroupBooking(appointmentId, "the new slot's hold on " + participant.calendarId()
                        + " lapsed before the appointment moved into it"), metaData);
                return;
            }
        }
        SagaLifecycle.end();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(GroupRescheduleRefused event, ProcessCommands commands, MetaData metaData, DeadlineManager deadlines) {
        deadlines.cancelSchedule(EXPIRY, expiryDeadline);
        releaseAll(commands, metaData, REFUSED);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(GroupRescheduleExpired event, ProcessCommands commands, MetaData metaData) {
        releaseAll(commands, metaData, OUT_OF_TIME);
    }

    /** The hold is booked: the details to confirm each calendar's hold with ({@link GroupAppointmentBooked} follows). */
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(GroupHoldBooked event) {
        details = event.details();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(GroupHoldReleased event, ProcessCommands commands, MetaData metaData, DeadlineManager deadlines) {
        deadlines.cancelSchedule(EXPIRY, expiryDeadline);
        releaseAll(commands, metaData, RELEASED);
    }

    /** Holds the slot on each calendar in turn, and reports each hold or the first refusal to the appointment. */
    private void placeHolds(ProcessCommands commands, MetaData metaData, DeadlineManager deadlines) {
        expiryDeadline = deadlines.schedule(holdsExpireAt, EXPIRY, appointmentId);
        for (Participant participant : participants) {
            try {
                commands.send(new PlaceHold(participant.calendarId(), holdId(), slot,
                        holdsExpireAt.plus(CONFIRMATION_MARGIN), requestedAt, overrideAvailability,
                        moving ? appointmentId : null, forBookingForm), metaData);
            } catch (RuntimeException failure) {
                CalendarException refusal = refusal(failure);
                Refusal refused = new Refusal(participant.calendarId(), refusal.error().code(),
                        instant(refusal.data(), "conflictingStart"), instant(refusal.data(), "conflictingEnd"));
                commands.send(moving ? new RecordMoveRefusal(appointmentId, holdId, refused)
                        : new RecordRefusal(appointmentId, refused), metaData);
                return;
            }
            commands.send(moving ? new RecordMoveHold(appointmentId, holdId, participant.calendarId())
                    : new RecordHold(appointmentId, participant.calendarId()), metaData);
        }
    }

    /**
     * Confirms every hold, as of the request (when the holds were placed, before any could lapse): a confirmation
     * that comes late still finds its hold unless another booking took the slot after it lapsed, and then the booking
     * is undone everywhere.
     */
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(GroupAppointmentBooked event, ProcessCommands commands, MetaData metaData, DeadlineManager deadlines) {
        deadlines.cancelSchedule(EXPIRY, expiryDeadline);
        for (Participant participant : participants) {
            try {
                commands.send(new ConfirmHold(participant.calendarId(), appointmentId, details, requestedAt,
                        participants), metaData);
            } catch (RuntimeException failure) {
                refusal(failure);
                commands.send(new UndoGroupBooking(appointmentId, "the hold on " + participant.calendarId()
                        + " lapsed before it was confirmed"), metaData);
                return;
            }
        }
        SagaLifecycle.end();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(GroupBookingUndone event, ProcessCommands commands, MetaData metaData) {
        for (Participant participant : participants) {
            try {
                commands.send(new CancelAppointment(participant.calendarId(), appointmentId, event.reason(), true), metaData);
            } catch (RuntimeException failure) {
                // not confirmed there: no appointment of that id (its hold is released below)
                refusalOrNotFound(failure);
            }
        }
        releaseAll(commands, metaData, event.reason());
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(GroupBookingRefused event, ProcessCommands commands, MetaData metaData, DeadlineManager deadlines) {
        deadlines.cancelSchedule(EXPIRY, expiryDeadline);
        releaseAll(commands, metaData, REFUSED);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(GroupBookingExpired event, ProcessCommands commands, MetaData metaData) {
        releaseAll(commands, metaData, OUT_OF_TIME);
    }

    /** The holds' time is up (the deadline's payload is the appointment's id, as Axon takes a handler's first parameter for it). */
    @DeadlineHandler(deadlineName = EXPIRY)
    public void onExpiry(AppointmentId expired, ProcessCommands commands, MetaData metaData) {
        commands.send(moving ? new ExpireGroupMove(expired, holdId) : new ExpireGroupBooking(expired), metaData);
    }

    /**
     * A cancellation reaches every calendar taking part; a saga of its own, over as soon as it is sent. Cancelled
     * during a move, the move's process gets it instead, and releases the move's holds too.
     */
    @StartSaga
    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(GroupAppointmentCancelled event, ProcessCommands commands, MetaData metaData,
                   DeadlineManager deadlines) {
        for (Participant participant : event.participants()) {
            commands.send(new CancelAppointment(participant.calendarId(), event.appointmentId(), event.reason(), true), metaData);
        }
        if (moving) {
            deadlines.cancelSchedule(EXPIRY, expiryDeadline);
            releaseAll(commands, metaData, CANCELLED); // never the caller's reason: a hold's is not personal data
        }
    }

    /**
     * Releases the hold on every participant's calendar, held or not as far as this process saw: a hold placed just
     * before a refusal or the deadline was recorded is released too. A calendar that never existed has none.
     */
    private void releaseAll(ProcessCommands commands, MetaData metaData, String reason) {
        for (Participant participant : participants) {
            try {
                commands.send(new ReleaseHold(participant.calendarId(), holdId(), reason), metaData);
            } catch (RuntimeException failure) {
                if (!isNotFound(failure)) {
                    throw failure;
                }
            }
        }
    }

    private AppointmentId holdId() {
        return holdId == null ? appointmentId : holdId;
    }

    /** The calendar's refusal behind a failed command; anything else is not a refusal and fails the event. */
    private static CalendarException refusal(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CalendarException refusal) {
                return refusal;
            }
        }
        throw failure;
    }

    private static void refusalOrNotFound(RuntimeException failure) {
        if (!isNotFound(failure)) {
            refusal(failure);
        }
    }

    private static boolean isNotFound(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateNotFoundException) {
                return true;
            }
        }
        return false;
    }

    private static Instant instant(Map<String, String> data, String key) {
        String value = data.get(key);
        return value == null ? null : Instant.parse(value);
    }
}
