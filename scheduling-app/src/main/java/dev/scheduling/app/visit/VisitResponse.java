package dev.scheduling.app.visit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.scheduling.domain.visit.VisitState;
import dev.scheduling.domain.visit.VisitStatus;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What {@code GET /appointments/{id}}, a visit's commands and a hold answer: its participants, slot, details and
 * where it stands now; {@code expiresAt} only for a hold not booked. Absent values are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VisitResponse(String id, List<Member> participants, String start, String end, String title,
                            String location, String timeZone, String status, String expiresAt) {

    public record Member(String calendarId, String role) {
    }

    static VisitResponse of(VisitState visit, Instant now) {
        VisitStatus status = visit.statusAt(now);
        return new VisitResponse(visit.id().toString(), visit.participants().stream()
                .map(participant -> new Member(participant.calendarId().value(),
                        participant.role().name().toLowerCase(Locale.ROOT)))
                .toList(),
                visit.slot().start().toString(), visit.slot().end().toString(),
                visit.details() == null ? null : visit.details().title(),
                visit.details() == null ? null : visit.details().location(),
                visit.details() == null ? null : visit.details().timeZone().getId(), status.name(),
                visit.isHold() && !visit.wasBooked() ? visit.holdExpiresAt().toString() : null);
    }
}
