package dev.scheduling.app.visit;

import dev.scheduling.app.security.AccessRefusedException;
import dev.scheduling.app.security.Caller;
import dev.scheduling.app.web.RequestFields;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.InvalidValueException;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.ParticipantRole;
import dev.scheduling.domain.calendar.UserId;
import dev.scheduling.domain.visit.Participants;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/** What the visits' and holds' requests have in common: who may book together, participants, a hold's id. */
final class VisitRequests {

    private VisitRequests() {
    }

    /**
     * Refuses ({@code 403}) a booking of these calendars together unless the caller is the front desk or an admin, or
     * a user booking themself: their own calendar among them (whether the others are published, each calendar says
     * when the visit is decided).
     */
    static void requireMayBook(Caller caller, List<String> calendarIds) {
        if (!caller.mayBookAnyCalendar() && calendarIds.stream().noneMatch(caller::owns)) {
            throw new AccessRefusedException("You may book appointments of your own calendar only");
        }
    }

    /** The user booking themself, whose other calendars must be published; null for the front desk and admins. */
    static UserId selfBooking(Caller caller) {
        return caller.mayBookAnyCalendar() ? null : new UserId(caller.subject());
    }

    static AppointmentId holdId(RequestFields fields, String value) {
        try {
            return new AppointmentId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return fields.reject("holdId", "must be a UUID");
        }
    }

    static List<String> calendarIds(List<VisitRequest.ParticipantRequest> participants) {
        return participants == null ? List.of() : participants.stream().filter(Objects::nonNull)
                .map(VisitRequest.ParticipantRequest::calendarId).filter(Objects::nonNull).toList();
    }

    /** The participants asked for, each checked, then together ({@link Participants}); every error a field error. */
    static List<Participant> participants(RequestFields fields, List<VisitRequest.ParticipantRequest> requested) {
        List<Participant> participants = new ArrayList<>();
        List<UserId> calendarIds = requested == null ? null : new ArrayList<>();
        for (int i = 0; requested != null && i < requested.size(); i++) {
            VisitRequest.ParticipantRequest participant = requested.get(i);
            String field = "participants[" + i + "]";
            if (participant == null) {
                calendarIds.add(fields.reject(field, "is required"));
                continue;
            }
            UserId calendarId = UserId.isValid(participant.calendarId()) ? new UserId(participant.calendarId())
                    : fields.reject(field + ".calendarId", UserId.RULE);
            calendarIds.add(calendarId);
            ParticipantRole role = role(participant.role());
            if (role == null) {
                fields.reject(field + ".role", "must be one of practitioner, patient, location, device, other");
            } else if (calendarId != null) {
                participants.add(new Participant(calendarId, role));
            }
        }
        try {
            Participants.check(calendarIds);
        } catch (InvalidValueException invalid) {
            fields.reject(invalid.data().get("field"), invalid.data().get("reason"));
        }
        return participants;
    }

    private static ParticipantRole role(String value) {
        for (ParticipantRole role : ParticipantRole.values()) {
            if (role.name().toLowerCase(Locale.ROOT).equals(value)) {
                return role;
            }
        }
        return null;
    }
}
