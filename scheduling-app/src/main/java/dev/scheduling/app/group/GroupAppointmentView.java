package dev.scheduling.app.group;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.group.GroupAppointmentBooked;
import dev.scheduling.domain.group.GroupAppointmentCancelled;
import dev.scheduling.domain.group.GroupBookingExpired;
import dev.scheduling.domain.group.GroupBookingRefused;
import dev.scheduling.domain.group.GroupBookingRequested;
import dev.scheduling.domain.group.GroupBookingUndone;
import dev.scheduling.domain.group.GroupStatus;
import dev.scheduling.domain.group.Refusal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An appointment of several calendars as its own events tell it, read from the event store (never from the read
 * model: the caller waiting for a booking's outcome must see it as soon as it is decided, on any node).
 *
 * @param refusals each calendar that refused, when {@code status} is {@code REFUSED}
 */
public record GroupAppointmentView(AppointmentId id, List<Participant> participants, TimeSlot slot,
                                   AppointmentDetails details, GroupStatus status, List<Refusal> refusals) {

    /** Folds the appointment's events, oldest first; empty when there are none (no such appointment). */
    static Optional<GroupAppointmentView> of(Stream<?> payloads) {
        GroupAppointmentView[] view = {null};
        payloads.forEach(payload -> view[0] = view[0] == null ? started(payload) : view[0].after(payload));
        return Optional.ofNullable(view[0]);
    }

    private static GroupAppointmentView started(Object payload) {
        if (!(payload instanceof GroupBookingRequested requested)) {
            return null;
        }
        return new GroupAppointmentView(requested.appointmentId(), requested.participants(), requested.slot(),
                requested.details(), GroupStatus.PENDING, List.of());
    }

    private GroupAppointmentView after(Object payload) {
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

    private GroupAppointmentView with(GroupStatus newStatus, List<Refusal> newRefusals) {
        return new GroupAppointmentView(id, participants, slot, details, newStatus, newRefusals);
    }

    boolean isDecided() {
        return status != GroupStatus.PENDING;
    }

    boolean takesPart(String calendarId) {
        return participants.stream().anyMatch(participant -> participant.calendarId().value().equals(calendarId));
    }

    /** Whether {@code request} asks for this very appointment (an idempotent retry), participants in any order. */
    boolean wasRequestedAs(List<Participant> requestedParticipants, TimeSlot requestedSlot, AppointmentDetails requestedDetails) {
        return slot.equals(requestedSlot) && details.equals(requestedDetails)
                && participants.size() == requestedParticipants.size()
                && participants.containsAll(requestedParticipants);
    }

    /** The answer's body. */
    Response response() {
        return new Response(id.toString(), participants.stream()
                .map(participant -> new Response.Member(participant.calendarId().value(),
                        participant.role().name().toLowerCase(Locale.ROOT)))
                .toList(),
                slot.start().toString(), slot.end().toString(), details.title(), details.location(),
                details.timeZone().getId(), status.name(), refusals.isEmpty() ? null : conflicts(refusals));
    }

    static List<Response.Conflict> conflicts(List<Refusal> refusals) {
        return refusals.stream().map(refusal -> new Response.Conflict(refusal.calendarId().value(), refusal.code(),
                refusal.conflictingStart() == null ? null : refusal.conflictingStart().toString(),
                refusal.conflictingEnd() == null ? null : refusal.conflictingEnd().toString())).toList();
    }

    /** What {@code GET /appointments/{id}} and a booking answer. */
    public record Response(String id, List<Member> participants, String start, String end, String title,
                           String location, String timeZone, String status, List<Conflict> conflicts) {

        public record Member(String calendarId, String role) {
        }

        /** A calendar that refused, with its code and the slot in the way (never that slot's title or id). */
        public record Conflict(String calendarId, String code, String conflictingStart, String conflictingEnd) {
        }
    }
}
