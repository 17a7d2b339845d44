package dev.scheduling.app.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.CommandMetadata;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.group.GroupAppointmentBooked;
import dev.scheduling.domain.group.GroupAppointmentCancelled;
import dev.scheduling.domain.group.GroupAppointmentRescheduled;
import dev.scheduling.domain.group.GroupRescheduleExpired;
import dev.scheduling.domain.group.GroupRescheduleRefused;
import dev.scheduling.domain.group.GroupRescheduleRequested;
import dev.scheduling.domain.group.GroupBookingExpired;
import dev.scheduling.domain.group.GroupBookingRefused;
import dev.scheduling.domain.group.GroupBookingRequested;
import dev.scheduling.domain.group.GroupBookingUndone;
import dev.scheduling.domain.group.GroupHoldBooked;
import dev.scheduling.domain.group.GroupHoldPlaced;
import dev.scheduling.domain.group.GroupHoldReleased;
import dev.scheduling.domain.group.GroupHoldRequested;
import dev.scheduling.domain.group.GroupStatus;
import dev.scheduling.domain.group.Refusal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;

/**
 * An appointment of several calendars as its own events tell it, read from the event store (never from the read
 * model: the caller waiting for a booking's outcome must see it as soon as it is decided, on any node).
 *
 * @param details       null for a booking form's hold not booked yet
 * @param refusals      each calendar that refused, when {@code status} is {@code REFUSED}
 * @param holdExpiresAt when it is a booking form's hold: when that hold expires; else null
 * @param requestedBy   who asked for it (the actor of its first event)
 * @param moves         its moves, oldest first: each decided or (the last) being decided
 */
public record GroupAppointmentView(AppointmentId id, List<Participant> participants, TimeSlot slot,
                                   AppointmentDetails details, GroupStatus status, List<Refusal> refusals,
                                   Instant holdExpiresAt, String requestedBy, List<Move> moves) {

    /** A move to {@code to}: {@code outcome} null while it is decided, else RESCHEDULED, REFUSED or EXPIRED. */
    public record Move(AppointmentId id, TimeSlot to, String outcome, List<Refusal> refusals) {

        static final String RESCHEDULED = "RESCHEDULED";
        static final String REFUSED = "REFUSED";
        static final String EXPIRED = "EXPIRED";
    }

    /** The move of that id, if it was asked for. */
    Optional<Move> move(AppointmentId moveId) {
        return moves.stream().filter(move -> move.id().equals(moveId)).findFirst();
    }

    /** Folds the appointment's events, oldest first; empty when there are none (no such appointment). */
    static Optional<GroupAppointmentView> of(Stream<? extends EventMessage<?>> events) {
        GroupAppointmentView[] view = {null};
        events.forEach(event -> view[0] = view[0] == null ? started(event) : view[0].after(event.getPayload()));
        return Optional.ofNullable(view[0]);
    }

    private static GroupAppointmentView started(EventMessage<?> event) {
        String actor = (String) event.getMetaData().get(CommandMetadata.ACTOR);
        if (event.getPayload() instanceof GroupBookingRequested requested) {
            return new GroupAppointmentView(requested.appointmentId(), requested.participants(), requested.slot(),
                    requested.details(), GroupStatus.PENDING, List.of(), null, actor, List.of());
        }
        if (event.getPayload() instanceof GroupHoldRequested requested) {
            return new GroupAppointmentView(requested.appointmentId(), requested.participants(), requested.slot(), null,
                    GroupStatus.PENDING, List.of(), requested.expiresAt(), actor, List.of());
        }
        return null;
    }

    private GroupAppointmentView after(Object payload) {
        if (payload instanceof GroupHoldPlaced) {
            return with(GroupStatus.HELD, refusals);
        }
        if (payload instanceof GroupHoldBooked booked) {
            return new GroupAppointmentView(id, participants, slot, booked.details(), status, refusals, holdExpiresAt,
                    requestedBy, moves);
        }
        if (payload instanceof GroupRescheduleRequested requested) {
            return withMove(slot, new Move(requested.moveId(), requested.newSlot(), null, List.of()));
        }
        if (payload instanceof GroupAppointmentRescheduled moved) {
            return withMove(moved.newSlot(), new Move(moved.moveId(), moved.newSlot(), Move.RESCHEDULED, List.of()));
        }
        if (payload instanceof GroupRescheduleRefused refused) {
            return withMove(slot, new Move(refused.moveId(), move(refused.moveId()).map(Move::to).orElse(null),
                    Move.REFUSED, refused.refusals()));
        }
        if (payload instanceof GroupRescheduleExpired expired) {
            return withMove(slot, new Move(expired.moveId(), move(expired.moveId()).map(Move::to).orElse(null),
                    Move.EXPIRED, List.of()));
        }
        if (payload instanceof GroupHoldReleased) {
            return with(GroupStatus.RELEASED, refusals);
        }
        if (payload instanceof GroupAppointmentBooked) {
            return with(GroupStatus.BOOKED, refusals);
        }
        if (payload instanceof GroupBookingRefused refused) {
            return with(GroupStatus.REFUSED, refused.refusals());
        }
        if (payload instanceof GroupBookingExpired || payload instanceof GroupBookingUndone) {
            return with(GroupStatus.EXPIRED, refusals);
        }
        if (payload instanceof GroupAppointmentCancelled) {
            return with(GroupStatus.CANCELLED, refusals);
        }
        return this;
    }

    /** At {@code newSlot}, with {@code changed} added or replacing the move of its id. */
    private GroupAppointmentView withMove(TimeSlot newSlot, Move changed) {
        List<Move> newMoves = new java.util.ArrayList<>(moves.stream().filter(m -> !m.id().equals(changed.id())).toList());
        newMoves.add(changed);
        return new GroupAppointmentView(id, participants, newSlot, details, status, refusals, holdExpiresAt, requestedBy,
                List.copyOf(newMoves));
    }

    private GroupAppointmentView with(GroupStatus newStatus, List<Refusal> newRefusals) {
        return new GroupAppointmentView(id, participants, slot, details, newStatus, newRefusals, holdExpiresAt, requestedBy,
                moves);
    }

    boolean isDecided() {
        return status != GroupStatus.PENDING;
    }

    /** Whether it began as a booking form's hold. */
    boolean isHold() {
        return holdExpiresAt != null;
    }

    /** Whether it is on its calendars as a booked appointment, or was (cancelled since). */
    boolean wasBooked() {
        return status == GroupStatus.BOOKED || status == GroupStatus.CANCELLED;
    }

    boolean takesPart(String calendarId) {
        return participants.stream().anyMatch(participant -> participant.calendarId().value().equals(calendarId));
    }

    /** Whether {@code request} asks for this very appointment (an idempotent retry), participants in any order. */
    boolean wasRequestedAs(List<Participant> requestedParticipants, TimeSlot requestedSlot, AppointmentDetails requestedDetails) {
        return details != null && details.saysSameAs(requestedDetails) && isOf(requestedParticipants, requestedSlot);
    }

    /** Whether it is of these participants (in any order) and this slot. */
    boolean isOf(List<Participant> requestedParticipants, TimeSlot requestedSlot) {
        return slot.equals(requestedSlot) && participants.size() == requestedParticipants.size()
                && participants.containsAll(requestedParticipants);
    }

    /** The answer's body. */
    Response response() {
        return new Response(id.toString(), participants.stream()
                .map(participant -> new Response.Member(participant.calendarId().value(),
                        participant.role().name().toLowerCase(Locale.ROOT)))
                .toList(),
                slot.start().toString(), slot.end().toString(), details == null ? null : details.title(),
                details == null ? null : details.location(), details == null ? null : details.timeZone().getId(),
                status.name(), refusals.isEmpty() ? null : conflicts(refusals),
                holdExpiresAt == null || wasBooked() ? null : holdExpiresAt.toString());
    }

    static List<Response.Conflict> conflicts(List<Refusal> refusals) {
        return refusals.stream().map(refusal -> new Response.Conflict(refusal.calendarId().value(), refusal.code(),
                refusal.conflictingStart() == null ? null : refusal.conflictingStart().toString(),
                refusal.conflictingEnd() == null ? null : refusal.conflictingEnd().toString())).toList();
    }

    /**
     * What {@code GET /appointments/{id}}, a booking and a hold answer; {@code expiresAt} only for a booking form's
     * hold not booked. Absent values are left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Response(String id, List<Member> participants, String start, String end, String title,
                           String location, String timeZone, String status, List<Conflict> conflicts,
                           String expiresAt) {

        public record Member(String calendarId, String role) {
        }

        /** A calendar that refused, with its code and the slot in the way (never that slot's title or id). */
        public record Conflict(String calendarId, String code, String conflictingStart, String conflictingEnd) {
        }
    }
}
