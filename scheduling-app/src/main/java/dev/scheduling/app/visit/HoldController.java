package dev.scheduling.app.visit;

import dev.scheduling.app.calendar.AppointmentIds;
import dev.scheduling.app.calendar.CalendarCommands;
import dev.scheduling.app.calendar.RequestMetadata;
import dev.scheduling.app.security.CallerAuthentication;
import dev.scheduling.app.web.Problems;
import dev.scheduling.app.web.RequestFields;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.CalendarError;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.visit.HoldVisit;
import dev.scheduling.domain.visit.ReleaseVisitHold;
import dev.scheduling.domain.visit.VisitState;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Holds for a booking form: a slot kept busy on every participant's calendar, all or none, in one transaction, until
 * {@code POST /appointments} with its {@code holdId} books it, {@code DELETE /holds/{id}} gives it up, or its
 * {@code expiresAt} passes: from then on every calendar reads it as lapsed by its own clock, with no deadline to
 * wait for.
 */
@RestController
@RequestMapping("/holds")
public class HoldController {

    static final Duration SHORTEST_TTL = Duration.ofSeconds(5);
    static final Duration LONGEST_TTL = Duration.ofMinutes(15);
    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private final CalendarCommands commands;
    private final VisitAccess access;
    private final AppointmentIds appointmentIds;
    private final Clock clock;

    public HoldController(CalendarCommands commands, VisitAccess access, AppointmentIds appointmentIds,
                          Clock clock) {
        this.commands = commands;
        this.access = access;
        this.appointmentIds = appointmentIds;
        this.clock = clock;
    }

    @Operation(summary = "Keep a slot on several calendars for a booking form, all or nothing",
               description = "201 {id, expiresAt, ...} once every calendar keeps it (busy there, in slot search and "
                       + "busy times too) until it is booked with POST /appointments {holdId}, released or expires; "
                       + "ttl PT5S to PT15M (default PT5M). 409 participant-unavailable as for a visit.")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<VisitResponse> hold(@RequestBody HoldRequest body,
                                              @RequestHeader(name = VisitController.IDEMPOTENCY_KEY, required = false)
                                              String idempotencyKey,
                                              CallerAuthentication caller, HttpServletRequest request) {
        // who may is decided first, as for a visit
        VisitRequests.requireMayBook(caller.caller(), VisitRequests.calendarIds(body.participants()));
        boolean override = caller.caller().overridesAvailability(body.overrideAvailability());
        RequestFields fields = new RequestFields();
        List<Participant> participants = VisitRequests.participants(fields, body.participants());
        Instant start = fields.instant("start", body.start());
        Instant end = fields.instant("end", body.end());
        Duration ttl = ttl(fields, body.ttl());
        String key = fields.header(VisitController.IDEMPOTENCY_KEY, idempotencyKey,
                RequestFields.MAX_IDEMPOTENCY_KEY_LENGTH, true);
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();

        AppointmentId id = key == null ? appointmentIds.next()
                : appointmentIds.forHoldIdempotencyKey(caller.caller().subject(), key);
        Instant now = clock.instant();
        return access.answer(commands.send(new HoldVisit(id, participants, new TimeSlot(start, end), now,
                now.plus(ttl), override, VisitRequests.selfBooking(caller.caller()), caller.caller().subject()),
                metadata), "/holds/");
    }

    @Operation(summary = "A hold: its participants, slot, expiry and where it stands (HELD, then BOOKED, RELEASED or "
            + "EXPIRED)", description = "Its participants and staff read it.")
    @GetMapping("/{holdId}")
    public VisitResponse read(@PathVariable("holdId") String holdId, CallerAuthentication caller) {
        return access.response(access.readable(holdId, caller.caller(), caller.caller().isStaff()));
    }

    @Operation(summary = "Give a hold up: its slot is free again on every calendar",
               description = "204, also when it was released or expired already; 409 hold-expired once it was booked "
                       + "(cancel the appointment instead). Who placed it, the front desk and admins.")
    @DeleteMapping("/{holdId}")
    public ResponseEntity<?> release(@PathVariable("holdId") String holdId, CallerAuthentication caller,
                                     HttpServletRequest request) {
        RequestFields fields = new RequestFields();
        AppointmentId id = VisitRequests.holdId(fields, holdId);
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();
        VisitState hold = access.holdOf(id, caller.caller());
        if (hold.wasBooked()) {
            return Problems.respond(Problems.of(Problems.of(CalendarError.HOLD_EXPIRED), "Hold " + id
                    + " was booked as appointment " + id + "; DELETE /appointments/" + id + " cancels it"));
        }
        commands.send(new ReleaseVisitHold(id, clock.instant()), metadata);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    private static Duration ttl(RequestFields fields, String value) {
        if (value == null) {
            return DEFAULT_TTL;
        }
        Duration ttl;
        try {
            ttl = Duration.parse(value);
        } catch (DateTimeParseException e) {
            return fields.reject("ttl", "must be an ISO-8601 duration from PT5S to PT15M, e.g. PT5M");
        }
        if (ttl.compareTo(SHORTEST_TTL) < 0 || ttl.compareTo(LONGEST_TTL) > 0) {
            return fields.reject("ttl", "must be from PT5S to PT15M");
        }
        return ttl;
    }
}
