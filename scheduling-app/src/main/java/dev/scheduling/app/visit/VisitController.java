package dev.scheduling.app.visit;

import dev.scheduling.app.audit.CalendarHistory;
import dev.scheduling.app.audit.HistoryEntry;
import dev.scheduling.app.calendar.AppointmentIds;
import dev.scheduling.app.calendar.CalendarCommands;
import dev.scheduling.app.calendar.RequestMetadata;
import dev.scheduling.app.calendar.RescheduleRequest;
import dev.scheduling.app.security.CallerAuthentication;
import dev.scheduling.app.web.RequestFields;
import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.visit.BookHeldVisit;
import dev.scheduling.domain.visit.BookVisit;
import dev.scheduling.domain.visit.CancelVisit;
import dev.scheduling.domain.visit.Participants;
import dev.scheduling.domain.visit.RescheduleVisit;
import dev.scheduling.domain.visit.VisitOutcome;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Visits: one appointment on several calendars (a practitioner, a patient and a room, say), booked, moved and
 * cancelled on all of them or on none. Each request is one command, decided in one transaction on whichever node
 * receives it; its answer is that command's own outcome.
 */
@RestController
@RequestMapping("/appointments")
public class VisitController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CalendarCommands commands;
    private final VisitAccess access;
    private final AppointmentIds appointmentIds;
    private final Clock clock;
    private final CalendarHistory history;

    public VisitController(CalendarCommands commands, VisitAccess access, AppointmentIds appointmentIds, Clock clock,
                           CalendarHistory history) {
        this.commands = commands;
        this.access = access;
        this.appointmentIds = appointmentIds;
        this.clock = clock;
        this.history = history;
    }

    @Operation(summary = "Book one appointment on several calendars, all or nothing",
               description = "201 once it is on every calendar; 200 for a retry with the same Idempotency-Key; 409 "
                       + "participant-unavailable naming each calendar that refused (code and conflicting slot), and "
                       + "then nothing of it is on any calendar. With holdId: books the slot that hold keeps, as the "
                       + "appointment of the hold's id (201; 409 hold-expired once it expired or was released).")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<VisitResponse> book(@RequestBody VisitRequest body,
                                              @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                              CallerAuthentication caller, HttpServletRequest request) {
        if (body.holdId() != null) {
            return bookHold(body, caller, request);
        }
        // who may is decided first: a caller who may not book these calendars learns nothing else
        VisitRequests.requireMayBook(caller.caller(), VisitRequests.calendarIds(body.participants()));
        boolean override = caller.caller().overridesAvailability(body.overrideAvailability());
        RequestFields fields = new RequestFields();
        List<Participant> participants = VisitRequests.participants(fields, body.participants());
        Instant start = fields.instant("start", body.start());
        Instant end = fields.instant("end", body.end());
        AppointmentDetails details = new AppointmentDetails(fields.text("title", body.title()),
                fields.text("location", body.location()), fields.timeZone("timeZone", body.timeZone()));
        String key = fields.header(IDEMPOTENCY_KEY, idempotencyKey, RequestFields.MAX_IDEMPOTENCY_KEY_LENGTH, true);
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();

        AppointmentId id = key == null ? appointmentIds.next()
                : appointmentIds.forGroupIdempotencyKey(caller.caller().subject(), key);
        VisitOutcome outcome = commands.send(new BookVisit(id, participants, new TimeSlot(start, end), details,
                clock.instant(), override, VisitRequests.selfBooking(caller.caller())), metadata);
        return access.answer(outcome, "/appointments/");
    }

    /** Books the slot a live hold keeps, as the appointment of the hold's id. */
    private ResponseEntity<VisitResponse> bookHold(VisitRequest body, CallerAuthentication caller,
                                                   HttpServletRequest request) {
        RequestFields fields = new RequestFields();
        AppointmentId holdId = VisitRequests.holdId(fields, body.holdId());
        AppointmentDetails details = new AppointmentDetails(fields.text("title", body.title()),
                fields.text("location", body.location()), fields.timeZone("timeZone", body.timeZone()));
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();
        VisitState hold = access.holdOf(holdId, caller.caller());
        if (body.participants() != null || body.start() != null || body.end() != null) {
            List<Participant> participants = VisitRequests.participants(fields, body.participants());
            Instant start = fields.instant("start", body.start());
            Instant end = fields.instant("end", body.end());
            fields.validate();
            if (!hold.isOf(new Participants(participants), new TimeSlot(start, end))) {
                fields.reject("holdId", "is a hold of other participants or of another slot");
                fields.validate();
            }
        }
        return access.answer(commands.send(new BookHeldVisit(holdId, details, clock.instant()), metadata), "/appointments/");
    }

    @Operation(summary = "An appointment of several calendars", description = "Its participants and staff read it.")
    @GetMapping("/{appointmentId}")
    public VisitResponse read(@PathVariable("appointmentId") String appointmentId, CallerAuthentication caller) {
        return access.response(access.readable(appointmentId, caller.caller(), caller.caller().isStaff()));
    }

    @Operation(summary = "The history of an appointment of several calendars: its own events, in order",
               description = "Booked or held, booked from the hold, moved, cancelled or released; each with time, "
                       + "actor and correlation id. Its participants and staff read it.")
    @GetMapping("/{appointmentId}/history")
    public AppointmentHistory history(@PathVariable("appointmentId") String appointmentId,
                                      CallerAuthentication caller) {
        VisitState found = access.readable(appointmentId, caller.caller(), caller.caller().isStaff());
        return new AppointmentHistory(found.id().toString(), history.entries(found.id().toString()));
    }

    /** What {@code GET /appointments/{id}/history} answers. */
    public record AppointmentHistory(String appointmentId, List<HistoryEntry> events) {
    }

    @Operation(summary = "Move an appointment of several calendars on every one of them, or on none",
               description = "200 once it moved on every calendar (also when it is there already); 409 "
                       + "participant-unavailable naming each calendar that refused, and then it stays where it was on "
                       + "every calendar. Participants (with published calendars only, as they book), the front desk "
                       + "and admins.")
    @PostMapping(path = "/{appointmentId}/reschedule", consumes = MediaType.APPLICATION_JSON_VALUE)
    public VisitResponse reschedule(@PathVariable("appointmentId") String appointmentId,
                                    @RequestBody RescheduleRequest body, CallerAuthentication caller,
                                    HttpServletRequest request) {
        VisitState found = access.readable(appointmentId, caller.caller(), caller.caller().mayBookAnyCalendar());
        boolean override = caller.caller().overridesAvailability(body.overrideAvailability());
        RequestFields fields = new RequestFields();
        Instant start = fields.instant("start", body.start());
        Instant end = fields.instant("end", body.end());
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();

        VisitOutcome moved = commands.send(new RescheduleVisit(found.id(), new TimeSlot(start, end), clock.instant(),
                override, VisitRequests.selfBooking(caller.caller())), metadata);
        return access.response(moved.visit());
    }

    @Operation(summary = "Cancel an appointment of several calendars on every one of them",
               description = "204, also when it was cancelled already; the participants, the front desk and admins.")
    @DeleteMapping("/{appointmentId}")
    public ResponseEntity<Void> cancel(@PathVariable("appointmentId") String appointmentId,
                                       @RequestParam(name = "reason", required = false) String reason,
                                       CallerAuthentication caller, HttpServletRequest request) {
        VisitState found = access.readable(appointmentId, caller.caller(), caller.caller().mayBookAnyCalendar());
        RequestFields fields = new RequestFields();
        String checkedReason = fields.text("reason", reason);
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();

        commands.send(new CancelVisit(found.id(), checkedReason), metadata);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }
}
