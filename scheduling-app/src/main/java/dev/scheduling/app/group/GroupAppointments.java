package dev.scheduling.app.group;

import dev.scheduling.app.calendar.CalendarCommands;
import dev.scheduling.app.calendar.RequestMetadata;
import dev.scheduling.app.eventstore.EventStoreOutages;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.IdempotencyKeyReusedException;
import dev.scheduling.domain.group.BookGroupAppointment;
import dev.scheduling.domain.group.CancelGroupAppointment;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Books, reads and cancels appointments of several calendars. A booking is asked for here and decided by
 * {@code GroupBookingProcess} on whichever node's processor holds its segment; the caller waits for the decision by
 * reading the appointment's own events from the event store, so any node answers for any booking.
 */
public class GroupAppointments {

    private final CommandGateway gateway;
    private final EventStore eventStore;
    private final EventStoreOutages outages;
    private final Clock clock;
    private final GroupBookingProperties properties;

    public GroupAppointments(CommandGateway gateway, EventStore eventStore, EventStoreOutages outages, Clock clock,
                             GroupBookingProperties properties) {
        this.gateway = gateway;
        this.eventStore = eventStore;
        this.outages = outages;
        this.clock = clock;
        this.properties = properties;
    }

    /** When the holds of a booking asked for now lapse if it is not decided by then. */
    Instant holdsExpireAt(Instant requestedAt) {
        return requestedAt.plus(properties.holdsTtl());
    }

    /**
     * Asks for the booking, or finds the one asked for already under the same id (a retry with the same
     * Idempotency-Key, or two at once); {@code true} when this call created it. The same id for another appointment
     * is {@link IdempotencyKeyReusedException}.
     */
    boolean request(BookGroupAppointment command, RequestMetadata metadata) {
        Optional<GroupAppointmentView> existing = read(command.appointmentId());
        if (existing.isEmpty()) {
            try {
                outages.run(() -> gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                                                                          .andMetaData(metadata.toMetaData())));
                return true;
            } catch (RuntimeException failure) {
                if (!CalendarCommands.lostRace(failure)) {
                    throw failure;
                }
                existing = read(command.appointmentId()); // the same id was asked for at the same time
            }
        }
        GroupAppointmentView found = existing.orElseThrow();
        if (!found.wasRequestedAs(command.participants(), command.slot(), command.details())) {
            throw new IdempotencyKeyReusedException(command.appointmentId());
        }
        return false;
    }

    /** The appointment as its events tell it now. */
    Optional<GroupAppointmentView> read(AppointmentId id) {
        return outages.call(() -> GroupAppointmentView.of(eventStore.readEvents(id.toString()).asStream()
                                                                    .map(EventMessage::getPayload)));
    }

    /**
     * Waits, up to {@code scheduling.group-bookings.answer-within}, for the booking to be decided; answers it as it
     * is then (still {@code PENDING} when the processes are slower than that).
     */
    GroupAppointmentView awaitDecision(AppointmentId id) {
        Instant giveUpAt = clock.instant().plus(properties.answerWithin());
        long pauseMillis = 5;
        while (true) {
            GroupAppointmentView view = read(id).orElseThrow();
            if (view.isDecided() || !clock.instant().isBefore(giveUpAt)) {
                return view;
            }
            LockSupport.parkNanos(Duration.ofMillis(pauseMillis).toNanos());
            pauseMillis = Math.min(40, pauseMillis * 2);
        }
    }

    /** Cancels a booked appointment on every calendar; one cancelled, refused or expired already is left as it is. */
    void cancel(AppointmentId id, String reason, RequestMetadata metadata) {
        outages.run(() -> gateway.sendAndWait(GenericCommandMessage.asCommandMessage(new CancelGroupAppointment(id, reason))
                                                                  .andMetaData(metadata.toMetaData())));
    }
}
