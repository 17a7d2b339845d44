package dev.scheduling.app.visit;

import dev.scheduling.app.security.AccessRefusedException;
import dev.scheduling.app.security.Caller;
import dev.scheduling.app.web.RequestFields;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.AppointmentNotFoundException;
import dev.scheduling.domain.visit.VisitOutcome;
import dev.scheduling.domain.visit.VisitState;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.time.Clock;

/**
 * Who may read, book or give up which visit or hold (decided from the visit as its own events tell it), and the
 * answers of the visits' and holds' endpoints.
 */
public class VisitAccess {

    private final VisitReads visits;
    private final Clock clock;

    public VisitAccess(VisitReads visits, Clock clock) {
        this.visits = visits;
        this.clock = clock;
    }

    /** The visit as it stands now. */
    VisitResponse response(VisitState visit) {
        return VisitResponse.of(visit, clock.instant());
    }

    /** 201 with its path for what this command created, else 200: the visit as it stands now. */
    ResponseEntity<VisitResponse> answer(VisitOutcome outcome, String path) {
        VisitResponse body = response(outcome.visit());
        // relative: an absolute URL would be built from the request's Host header, which the client chooses
        return outcome.created() ? ResponseEntity.created(URI.create(path + body.id())).body(body)
                : ResponseEntity.ok(body);
    }

    /**
     * The hold of that id, if the caller may book or release it: front desk and admins any; anyone else only a hold
     * they placed themselves. A caller who may not learns nothing, not even whether it exists: 403 either way.
     */
    VisitState holdOf(AppointmentId holdId, Caller caller) {
        VisitState found = visits.read(holdId).filter(VisitState::isHold).orElse(null);
        if (!caller.mayBookAnyCalendar() && (found == null || !caller.subject().equals(found.heldBy()))) {
            throw new AccessRefusedException("Not a hold of yours");
        }
        if (found == null) {
            throw AppointmentNotFoundException.visit(holdId);
        }
        return found;
    }

    /**
     * The visit, if the caller may see it ({@code allowedAnyway}, or one of its calendars is theirs). A caller who may
     * not learns nothing, not even whether it exists: 403 either way.
     */
    VisitState readable(String appointmentId, Caller caller, boolean allowedAnyway) {
        RequestFields fields = new RequestFields();
        AppointmentId id = fields.appointmentId(appointmentId);
        if (!allowedAnyway && id == null) {
            throw new AccessRefusedException("Not an appointment of yours");
        }
        fields.validate();
        VisitState found = visits.read(id).orElse(null);
        if (!allowedAnyway && (found == null || !found.takesPart(caller.subject()))) {
            throw new AccessRefusedException("Not an appointment of yours");
        }
        if (found == null) {
            throw AppointmentNotFoundException.visit(id);
        }
        return found;
    }
}
