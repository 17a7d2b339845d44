package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.CalendarException;
import dev.scheduling.domain.calendar.CancelAppointment;
import dev.scheduling.domain.calendar.ConfirmHold;
import dev.scheduling.domain.calendar.HoldsPersonalData;
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
 * whatever it held. Each step is idempotent, so an event delivered again (after a node died, say) repeats nothing.
 * <p>
 * The calendars' holds last {@link #CONFIRMATION_MARGIN} beyond the booking's own deadline, so that a booking decided
 * in time is confirmed before any of its holds can lapse; a hold left behind by a booking that never finished stops
 * counting by itself when it lapses. It never reads a clock: times come from the events.
 */
public class GroupBookingProcess implements HoldsPersonalData {

    public static final String EXPIRY = "group-booking-expiry";
    public static final String REFUSED = "another participant refused";
    public static final String OUT_OF_TIME = "the booking ran out of time";
    static final Duration CONFIRMATION_MARGIN = Duration.ofMinutes(2);
    private static final String ASSOCIATION = "appointmentId";

    private AppointmentId appointmentId;
    private List<Participant> participants;
    private TimeSlot slot;
    /** Personal data of {@link #dataSubject()}, for the confirmations. */
    private AppointmentDetails details;
    private Instant holdsExpireAt;
    /** When the booking was asked for: the time every calendar is asked at. */
    private Instant requestedAt;
    private boolean overrideAvailability;
    private String expiryDeadline;

    @Override
    public String dataSubject() {
        return participants == null ? null : GroupAppointment.dataSubjectOf(participants);
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(GroupBookingRequested event, @Timestamp Instant requestedAt, ProcessCommands commands, MetaData metaData,
                   DeadlineManager deadlines) {
        appointmentId = event.appointmentId();
        this.requestedAt = requestedAt;
        participants = event.participants();
        slot = event.slot();
        details = event.details();
        holdsExpireAt = event.holdsExpireAt();
        overrideAvailability = event.overrideAvailability();
        expiryDeadline = deadlines.schedule(holdsExpireAt, EXPIRY, appointmentId);
        for (Participant participant : participants) {
            try {
                commands.send(new PlaceHold(participant.calendarId(), appointmentId, slot,
                        holdsExpireAt.plus(CONFIRMATION_MARGIN), requestedAt, overrideAvailability), metaData);
            } catch (RuntimeException failure) {
                CalendarException refusal = refusal(failure);
                commands.send(new RecordRefusal(appointmentId, new Refusal(participant.calendarId(),
                        refusal.error().code(), instant(refusal.data(), "conflictingStart"),
                        instant(refusal.data(), "conflictingEnd"))), metaData);
                return;
            }
            commands.send(new RecordHold(appointmentId, participant.calendarId()), metaData);
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
        commands.send(new ExpireGroupBooking(expired), metaData);
    }

    /** A cancellation reaches every calendar taking part; a saga of its own, over as soon as it is sent. */
    @StartSaga
    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(GroupAppointmentCancelled event, ProcessCommands commands, MetaData metaData) {
        for (Participant participant : event.participants()) {
            commands.send(new CancelAppointment(participant.calendarId(), event.appointmentId(), event.reason(), true), metaData);
        }
    }

    /**
     * Releases the hold on every participant's calendar, held or not as far as this process saw: a hold placed just
     * before a refusal or the deadline was recorded is released too. A calendar that never existed has none.
     */
    private void releaseAll(ProcessCommands commands, MetaData metaData, String reason) {
        for (Participant participant : participants) {
            try {
                commands.send(new ReleaseHold(participant.calendarId(), appointmentId, reason), metaData);
            } catch (RuntimeException failure) {
                if (!isNotFound(failure)) {
                    throw failure;
                }
            }
        }
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
