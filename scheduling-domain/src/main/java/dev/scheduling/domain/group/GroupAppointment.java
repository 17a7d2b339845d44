package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.InvalidValueException;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.ParticipantRole;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One appointment on several calendars: the decision of whether it is booked, kept apart from the calendars, each of
 * which still refuses overlaps itself. It is booked once every calendar holds its slot ({@link GroupBookingProcess}
 * places the holds one at a time, in the order of the calendars' ids, so that two bookings sharing calendars meet
 * on the first they share and cannot wait on each other), refused as soon as one calendar refuses, and expired when
 * its holds' time runs out first. Each outcome is final; the process then confirms or releases the holds.
 */
public class GroupAppointment {

    public static final int MIN_PARTICIPANTS = 2;
    public static final int MAX_PARTICIPANTS = 10;

    @AggregateIdentifier
    private AppointmentId appointmentId;
    private List<Participant> participants;
    private TimeSlot slot;
    private GroupStatus status;
    private Set<UserId> held = new LinkedHashSet<>();

    protected GroupAppointment() {
        // for Axon
    }

    @CommandHandler
    public GroupAppointment(BookGroupAppointment command) {
        List<Participant> ordered = ordered(command.participants());
        if (!command.holdsExpireAt().isAfter(command.requestedAt())) {
            throw new InvalidValueException("holdsExpireAt", "must be after the time of the request");
        }
        apply(new GroupBookingRequested(command.appointmentId(), ordered, command.slot(), command.details(),
                command.holdsExpireAt(), command.overrideAvailability()));
    }

    /** Counts a calendar's hold; the last one books the appointment. Answers where the booking stands. */
    @CommandHandler
    public GroupStatus handle(RecordHold command) {
        if (status != GroupStatus.PENDING || held.contains(command.calendarId()) || !takesPart(command.calendarId())) {
            return status;
        }
        apply(new ParticipantHeld(appointmentId, command.calendarId()));
        if (held.size() == participants.size()) {
            apply(new GroupAppointmentBooked(appointmentId, participants, slot));
        }
        return status;
    }

    /** A calendar's refusal ends a pending booking; a booking decided already stays as it is. */
    @CommandHandler
    public GroupStatus handle(RecordRefusal command) {
        if (status == GroupStatus.PENDING && takesPart(command.refusal().calendarId())) {
            apply(new GroupBookingRefused(appointmentId, List.of(command.refusal()), List.copyOf(held)));
        }
        return status;
    }

    @CommandHandler
    public GroupStatus handle(ExpireGroupBooking command) {
        if (status == GroupStatus.PENDING) {
            apply(new GroupBookingExpired(appointmentId, List.copyOf(held)));
        }
        return status;
    }

    @CommandHandler
    public GroupStatus handle(UndoGroupBooking command) {
        if (status == GroupStatus.BOOKED) {
            apply(new GroupBookingUndone(appointmentId, command.reason()));
        }
        return status;
    }

    @CommandHandler
    public GroupStatus handle(CancelGroupAppointment command) {
        if (status == GroupStatus.BOOKED) {
            apply(new GroupAppointmentCancelled(appointmentId, participants, command.reason()));
        }
        return status;
    }

    @EventSourcingHandler
    void on(GroupBookingRequested event) {
        appointmentId = event.appointmentId();
        participants = event.participants();
        slot = event.slot();
        status = GroupStatus.PENDING;
    }

    @EventSourcingHandler
    void on(ParticipantHeld event) {
        held.add(event.calendarId());
    }

    @EventSourcingHandler
    void on(GroupAppointmentBooked event) {
        status = GroupStatus.BOOKED;
    }

    @EventSourcingHandler
    void on(GroupBookingRefused event) {
        status = GroupStatus.REFUSED;
    }

    @EventSourcingHandler
    void on(GroupBookingExpired event) {
        status = GroupStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(GroupBookingUndone event) {
        status = GroupStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(GroupAppointmentCancelled event) {
        status = GroupStatus.CANCELLED;
    }

    private boolean takesPart(UserId calendarId) {
        return participants.stream().anyMatch(participant -> participant.calendarId().equals(calendarId));
    }

    /**
     * The participants in the order their calendars are held: by calendar id. 2 to 10 distinct calendars, else
     * {@link InvalidValueException}.
     */
    static List<Participant> ordered(List<Participant> participants) {
        if (participants == null || participants.size() < MIN_PARTICIPANTS || participants.size() > MAX_PARTICIPANTS) {
            throw new InvalidValueException("participants", "must name " + MIN_PARTICIPANTS + " to " + MAX_PARTICIPANTS
                    + " calendars");
        }
        Set<UserId> seen = new HashSet<>();
        for (Participant participant : participants) {
            if (!seen.add(participant.calendarId())) {
                throw new InvalidValueException("participants", "names calendar " + participant.calendarId()
                        + " twice");
            }
        }
        List<Participant> ordered = new ArrayList<>(participants);
        ordered.sort(Comparator.comparing(participant -> participant.calendarId().value()));
        return List.copyOf(ordered);
    }

    /** Whose personal data the appointment's details are: its first patient's, else its first person's, else the first calendar's. */
    static String dataSubjectOf(List<Participant> participants) {
        return participants.stream().filter(p -> p.role() == ParticipantRole.PATIENT).findFirst()
                .or(() -> participants.stream().filter(p -> p.role().isPerson()).findFirst())
                .orElse(participants.get(0)).calendarId().value();
    }
}
