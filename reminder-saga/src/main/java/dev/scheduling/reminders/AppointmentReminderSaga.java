package dev.scheduling.reminders;

import dev.scheduling.domain.calendar.AppointmentBooked;
import dev.scheduling.domain.calendar.AppointmentCancelled;
import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.AppointmentRescheduled;
import dev.scheduling.domain.calendar.CommandMetadata;
import dev.scheduling.domain.calendar.HoldsPersonalData;
import dev.scheduling.domain.calendar.PersonalDataErased;
import dev.scheduling.domain.calendar.RecordReminderSent;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends an appointment's reminders: one deadline per configured offset whose due time ({@code start - offset}) is
 * still ahead when the booking (or reschedule) happened; a reminder whose time has passed is skipped, never sent at
 * once. A reschedule moves the deadlines, a cancellation removes them. The saga ends when none is pending; a later
 * reschedule starts it again. It never reads a clock: times come from the events and the deadlines.
 * <p>
 * A failed publish is retried with back-off until the appointment starts; a published reminder is recorded on the
 * calendar with {@link RecordReminderSent}.
 */
public class AppointmentReminderSaga implements HoldsPersonalData {

    public static final String REMINDER_DUE = "reminder-due";
    /** Who acts, in the audit trail, when a reminder is recorded; its correlation id is the reminder id. */
    public static final String SAGA_ACTOR = "reminder-saga";
    /**
     * One saga per appointment on one calendar ({@code userId/appointmentId}): an appointment on several calendars
     * reminds each person taking part on their own calendar.
     */
    private static final String ASSOCIATION = "calendarAppointment";
    /** Every saga of a user's calendar, for the erasure of the user's personal data. */
    public static final String USER_ASSOCIATION = "userId";
    private static final Logger log = LoggerFactory.getLogger(AppointmentReminderSaga.class);

    private String appointmentId;
    private String userId;
    private TimeSlot slot;
    private AppointmentDetails details;
    /** Whether the appointment is a visit of several calendars: each person's reminders then have ids of their own. */
    private boolean ofAVisit;
    /** Deadline ids of the pending reminders, by offset (ISO-8601). */
    private Map<String, String> pendingDeadlines = new LinkedHashMap<>();

    /**
     * The saga keeps the appointment's details (for the reminder's text): stored under its user's key, or under the
     * keys of every person taking part when the details say so (an appointment of several calendars).
     */
    @Override
    public List<String> dataSubjects() {
        return userId == null ? List.of() : List.of(userId);
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(AppointmentBooked event, @Timestamp Instant bookedAt, DeadlineManager deadlines,
                   ReminderSettings settings) {
        if (!event.remindsThisCalendar()) {
            // a room's or a device's calendar: nobody there to remind
            SagaLifecycle.end();
            return;
        }
        remember(event.userId(), event.appointmentId(), event.slot(), event.details(), !event.participants().isEmpty());
        scheduleReminders(bookedAt, deadlines, settings);
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(AppointmentRescheduled event, @Timestamp Instant rescheduledAt, DeadlineManager deadlines,
                   ReminderSettings settings) {
        cancelPending(deadlines);
        if (!event.remindsThisCalendar()) {
            SagaLifecycle.end();
            return;
        }
        remember(event.userId(), event.appointmentId(), event.newSlot(), event.details(),
                ofAVisit || !event.participants().isEmpty());
        scheduleReminders(rescheduledAt, deadlines, settings);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(AppointmentCancelled event, DeadlineManager deadlines) {
        cancelPending(deadlines);
    }

    /** The user's personal data was erased: pending reminders (which would carry it) are not sent. */
    @EndSaga
    @SagaEventHandler(associationProperty = USER_ASSOCIATION)
    public void on(PersonalDataErased event, DeadlineManager deadlines) {
        cancelPending(deadlines);
    }

    @DeadlineHandler(deadlineName = REMINDER_DUE)
    public void on(ReminderDue due, @Timestamp Instant firedAt, ReminderPublisher publisher, CommandGateway commands,
                   DeadlineManager deadlines, ReminderSettings settings) {
        pendingDeadlines.remove(due.offset().toString());
        try {
            publisher.publish(reminder(due));
        } catch (RuntimeException failure) {
            retryOrGiveUp(due, firedAt, failure, deadlines, settings);
            return;
        }
        var record = new RecordReminderSent(new UserId(userId), AppointmentId.fromString(appointmentId),
                due.reminderId(), due.offset(), due.dueAt(), firedAt);
        commands.send(GenericCommandMessage.asCommandMessage(record)
                                           .andMetaData(Map.of(CommandMetadata.ACTOR, SAGA_ACTOR,
                                                   CommandMetadata.CORRELATION_ID, due.reminderId())),
                (command, result) -> {
                    if (result.isExceptional()) {
                        log.error("Reminder {} went out but could not be recorded on calendar {}",
                                due.reminderId(), userId, result.exceptionResult());
                    }
                });
        endIfNothingPending();
    }

    private void retryOrGiveUp(ReminderDue due, Instant firedAt, RuntimeException failure, DeadlineManager deadlines,
                               ReminderSettings settings) {
        Duration wait = settings.retryDelay(due.attempt() + 1);
        if (!firedAt.plus(wait).isBefore(slot.start())) {
            log.error("Giving up reminder {} of appointment {}: it could not be published before the appointment "
                    + "started (last failure: {})", due.reminderId(), appointmentId, failure.toString());
            endIfNothingPending();
            return;
        }
        log.warn("Reminder {} of appointment {} could not be published (attempt {}), retrying in {}: {}",
                due.reminderId(), appointmentId, due.attempt() + 1, wait, failure.toString());
        pendingDeadlines.put(due.offset().toString(), deadlines.schedule(wait, REMINDER_DUE, due.nextAttempt()));
    }

    private void scheduleReminders(Instant now, DeadlineManager deadlines, ReminderSettings settings) {
        for (Duration offset : settings.offsets()) {
            Instant due = slot.start().minus(offset);
            if (due.isAfter(now)) {
                String reminderId = ofAVisit ? ReminderIds.ofVisit(userId, appointmentId, offset, slot.start())
                        : ReminderIds.of(appointmentId, offset, slot.start());
                pendingDeadlines.put(offset.toString(),
                        deadlines.schedule(due, REMINDER_DUE, new ReminderDue(reminderId, offset, due, 0)));
            }
        }
        endIfNothingPending();
    }

    private void cancelPending(DeadlineManager deadlines) {
        pendingDeadlines.values().forEach(deadlineId -> deadlines.cancelSchedule(REMINDER_DUE, deadlineId));
        pendingDeadlines.clear();
    }

    private void endIfNothingPending() {
        if (pendingDeadlines.isEmpty()) {
            SagaLifecycle.end();
        }
    }

    private void remember(UserId user, AppointmentId appointment, TimeSlot newSlot, AppointmentDetails newDetails,
                          boolean visit) {
        this.ofAVisit = visit;
        if (this.userId == null) {
            SagaLifecycle.associateWith(USER_ASSOCIATION, user.toString());
        }
        this.userId = user.toString();
        this.appointmentId = appointment.toString();
        this.slot = newSlot;
        this.details = newDetails;
    }

    private Reminder reminder(ReminderDue due) {
        return new Reminder(due.reminderId(), userId, appointmentId, due.offset(), due.dueAt(), slot.start(),
                slot.end(), details.title(), details.location(), details.timeZone());
    }
}
