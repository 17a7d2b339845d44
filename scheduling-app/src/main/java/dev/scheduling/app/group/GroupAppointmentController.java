package dev.scheduling.app.group;

import dev.scheduling.app.audit.CalendarHistory;
import dev.scheduling.app.audit.HistoryEntry;
import dev.scheduling.app.availability.CalendarVisibility;
import dev.scheduling.app.calendar.AppointmentIds;
import dev.scheduling.app.calendar.CalendarCommands;
import dev.scheduling.app.calendar.RequestMetadata;
import dev.scheduling.app.calendar.RescheduleRequest;
import dev.scheduling.app.security.AccessRefusedException;
import dev.scheduling.app.security.Caller;
import dev.scheduling.app.security.CallerAuthentication;
import dev.scheduling.app.web.Problems;
import dev.scheduling.app.web.RequestFields;
import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentCancelledException;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.CalendarError;
import dev.scheduling.domain.calendar.CancelAppointment;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.ParticipantRole;
import dev.scheduling.domain.calendar.SlotPolicy;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import dev.scheduling.domain.group.BookGroupAppointment;
import dev.scheduling.domain.group.BookHeldAppointment;
import dev.scheduling.domain.group.Refusal;
import dev.scheduling.domain.group.RescheduleGroupAppointment;
import dev.scheduling.domain.group.GroupAppointment;
import dev.scheduling.domain.group.GroupBookingProcess;
import dev.scheduling.domain.group.GroupStatus;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Appointments of several calendars (a practitioner, a patient and a room, say), booked on all of them or on none.
 * The caller waits for the outcome, whichever node decides it.
 */
@RestController
@RequestMapping("/appointments")
public class GroupAppointmentController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String NO_SUCH_APPOINTMENT = "No appointment ";

    private final GroupAppointments appointments;
    private final CalendarCommands calendars;
    private final CalendarVisibility visibility;
    private final AppointmentIds appointmentIds;
    private final SlotPolicy slotPolicy;
    private final Clock clock;
    private final CalendarHistory history;

    public GroupAppointmentController(GroupAppointments appointments, CalendarCommands calendars,
                                      CalendarVisibility visibility, AppointmentIds appointmentIds,
                                      SlotPolicy slotPolicy, Clock clock, CalendarHistory history) {
        this.history = history;
        this.appointments = appointments;
        this.calendars = calendars;
        this.visibility = visibility;
        this.appointmentIds = appointmentIds;
        this.slotPolicy = slotPolicy;
        this.clock = clock;
    }

    @Operation(summary = "Book one appointment on several calendars, all or nothing",
               description = "201 once every calendar holds it; 200 for a retry with the same Idempotency-Key; 409 "
                       + "participant-unavailable naming each calendar that refused (code and conflicting slot), and "
                       + "then nothing of it stays on any calendar; 202 (status PENDING) if it is not decided within "
                       + "scheduling.group-bookings.answer-within. With holdId: books the slot that hold keeps, as the "
                       + "appointment of the hold's id (201; 409 hold-expired once it expired or was released).")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> book(@RequestBody GroupBookingRequest body,
                                  @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                  CallerAuthentication caller,
                                  HttpServletRequest request) {
        if (body.holdId() != null) {
            return bookHold(body, caller, request);
        }
        // who may is decided first: a caller who may not book these calendars learns nothing else
        visibility.requireMayBook(caller.caller(), calendarIds(body.participants()));
        boolean override = caller.caller().overridesAvailability(body.overrideAvailability());
        RequestFields fields = new RequestFields();
        List<Participant> participants = participants(fields, body.participants());
        Instant start = fields.instant("start", body.start());
        Instant end = fields.instant("end", body.end());
        String title = fields.text("title", body.title());
        String location = fields.text("location", body.location());
        var timeZone = fields.timeZone("timeZone", body.timeZone());
        String key = fields.header(IDEMPOTENCY_KEY, idempotencyKey, RequestFields.MAX_IDEMPOTENCY_KEY_LENGTH, true);
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();
        TimeSlot slot = new TimeSlot(start, end);
        Instant now = clock.instant();
        slotPolicy.check(slot, now);

        AppointmentId id = key == null ? appointmentIds.next()
                : appointmentIds.forGroupIdempotencyKey(caller.caller().subject(), key);
        var command = new BookGroupAppointment(id, participants, slot, new AppointmentDetails(title, location, timeZone),
                now, appointments.holdsExpireAt(now), override);
        boolean created = appointments.request(command, metadata);
        GroupAppointmentView outcome = appointments.awaitDecision(id);
        URI path = URI.create("/appointments/" + id); // relative: the Host header is the client's choice
        return switch (outcome.status()) {
            case BOOKED -> {
                appointments.confirmOnEveryCalendar(outcome, metadata);
                yield created ? ResponseEntity.created(path).body(outcome.response())
                        : ResponseEntity.ok(outcome.response());
            }
            case CANCELLED -> ResponseEntity.ok(outcome.response());
            case PENDING -> ResponseEntity.accepted().location(path).body(outcome.response());
            case HELD, RELEASED -> throw new IllegalStateException("A booking " + id + " is not a hold");
            case REFUSED -> {
                appointments.releaseOnEveryCalendar(outcome, GroupBookingProcess.REFUSED, metadata);
                yield refused(outcome);
            }
            case EXPIRED -> {
                appointments.releaseOnEveryCalendar(outcome, GroupBookingProcess.OUT_OF_TIME, metadata);
                yield Problems.respond(Problems.of(Problems.of(CalendarError.HOLD_EXPIRED),
                    "The booking ran out of time before every calendar held it; nothing of it stays"));
            }
        };
    }

    /**
     * Books the slot a live hold keeps, as the appointment of the hold's id: {@code 201}, {@code 200} for the same
     * booking again, {@code 409 hold-expired} once the hold expired, was released or was booked otherwise.
     */
    private ResponseEntity<?> bookHold(GroupBookingRequest body, CallerAuthentication caller, HttpServletRequest request) {
        RequestFields fields = new RequestFields();
        AppointmentId holdId = holdId(fields, "holdId", body.holdId());
        String title = fields.text("title", body.title());
        String location = fields.text("location", body.location());
        var timeZone = fields.timeZone("timeZone", body.timeZone());
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();
        GroupAppointmentView hold = holdOf(holdId, caller.caller());
        if (body.participants() != null || body.start() != null || body.end() != null) {
            List<Participant> participants = participants(fields, body.participants());
            Instant start = fields.instant("start", body.start());
            Instant end = fields.instant("end", body.end());
            fields.validate();
            if (!hold.isOf(participants, new TimeSlot(start, end))) {
                fields.reject("holdId", "is a hold of other participants or of another slot");
                fields.validate();
            }
        }
        AppointmentDetails details = new AppointmentDetails(title, location, timeZone);
        URI path = URI.create("/appointments/" + holdId);
        if (hold.wasBooked() && details.saysSameAs(hold.details())) {
            return ResponseEntity.ok(hold.response()); // the same booking again
        }
        appointments.bookHold(new BookHeldAppointment(holdId, details, clock.instant()), metadata);
        GroupAppointmentView booked = appointments.read(holdId).orElseThrow();
        appointments.confirmOnEveryCalendar(booked, metadata);
        return ResponseEntity.created(path).body(booked.response());
    }

    /**
     * The hold of that id, if the caller may book or release it: front desk and admins any; anyone else only a hold
     * they placed themselves, with calendars they may book. A caller who may not learns nothing, not even whether it
     * exists: 403 either way.
     */
    GroupAppointmentView holdOf(AppointmentId holdId, Caller caller) {
        GroupAppointmentView found = appointments.read(holdId).filter(GroupAppointmentView::isHold).orElse(null);
        if (!caller.mayBookAnyCalendar() && (found == null || !caller.subject().equals(found.requestedBy()))) {
            throw new AccessRefusedException("Not a hold of yours");
        }
        if (found == null) {
            throw new NotFound("No hold " + holdId);
        }
        visibility.requireMayBook(caller, found.participants().stream().map(p -> p.calendarId().value()).toList());
        return found;
    }

    static AppointmentId holdId(RequestFields fields, String field, String value) {
        try {
            return new AppointmentId(java.util.UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return fields.reject(field, "must be a UUID");
        }
    }

    @Operation(summary = "An appointment of several calendars", description = "Its participants and staff read it.")
    @GetMapping("/{appointmentId}")
    public GroupAppointmentView.Response read(@PathVariable("appointmentId") String appointmentId,
                                              CallerAuthentication caller) {
        return readable(appointmentId, caller.caller(), caller.caller().isStaff()).response();
    }

    @Operation(summary = "The history of an appointment of several calendars: its own events, in order",
               description = "The booking asked for, each calendar held, the outcome (refusals named), a cancellation; "
                       + "each with time, actor and correlation id. Its participants and staff read it.")
    @GetMapping("/{appointmentId}/history")
    public AppointmentHistory history(@PathVariable("appointmentId") String appointmentId,
                                      CallerAuthentication caller) {
        GroupAppointmentView found = readable(appointmentId, caller.caller(), caller.caller().isStaff());
        return new AppointmentHistory(found.id().toString(), history.entries(found.id().toString()));
    }

    /** What {@code GET /appointments/{id}/history} answers. */
    public record AppointmentHistory(String appointmentId, List<HistoryEntry> events) {
    }

    @Operation(summary = "Move an appointment of several calendars on every one of them, or on none",
               description = "200 once it moved on every calendar (also when it is there already); 409 "
                       + "participant-unavailable naming each calendar that refused, and then it stays where it was on "
                       + "every calendar; 409 appointment-being-moved while another move is decided; 202 if not decided "
                       + "within scheduling.group-bookings.answer-within. Participants, the front desk and admins.")
    @PostMapping(path = "/{appointmentId}/reschedule", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> reschedule(@PathVariable("appointmentId") String appointmentId,
                                        @RequestBody RescheduleRequest body,
                                        CallerAuthentication caller,
                                        HttpServletRequest request) {
        GroupAppointmentView found = readable(appointmentId, caller.caller(), caller.caller().mayBookAnyCalendar());
        visibility.requireMayBook(caller.caller(), found.participants().stream().map(p -> p.calendarId().value()).toList());
        boolean override = caller.caller().overridesAvailability(body.overrideAvailability());
        RequestFields fields = new RequestFields();
        Instant start = fields.instant("start", body.start());
        Instant end = fields.instant("end", body.end());
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();
        TimeSlot newSlot = new TimeSlot(start, end);
        Instant now = clock.instant();
        slotPolicy.check(newSlot, now);
        if (!found.wasBooked() && found.status() != GroupStatus.PENDING) {
            throw new NotFound(NO_SUCH_APPOINTMENT + found.id() + " was booked");
        }

        AppointmentId moveId = appointments.requestMove(new RescheduleGroupAppointment(found.id(), appointmentIds.next(),
                newSlot, now, appointments.holdsExpireAt(now), override), metadata);
        if (moveId == null) {
            return ResponseEntity.ok(found.response()); // there already
        }
        GroupAppointmentView after = appointments.awaitMove(found.id(), moveId);
        GroupAppointmentView.Move move = after.move(moveId).orElseThrow();
        if (move.outcome() == null && after.status() == GroupStatus.CANCELLED) {
            // cancelled while it was being moved: the move's holds are released with it
            throw new AppointmentCancelledException(found.id());
        }
        if (move.outcome() == null) {
            return ResponseEntity.accepted().location(URI.create("/appointments/" + found.id())).body(after.response());
        }
        return switch (move.outcome()) {
            case GroupAppointmentView.Move.RESCHEDULED -> {
                appointments.moveOnEveryCalendar(after, moveId, metadata);
                yield ResponseEntity.ok(after.response());
            }
            case GroupAppointmentView.Move.REFUSED -> {
                appointments.releaseOnEveryCalendar(after, moveId, GroupBookingProcess.REFUSED, metadata);
                yield Problems.respond(refusal(found.id(), move.refusals(), "Calendar "
                        + move.refusals().get(0).calendarId() + " refused the new slot; the appointment stays where it "
                        + "was on every calendar"));
            }
            default -> {
                appointments.releaseOnEveryCalendar(after, moveId, GroupBookingProcess.OUT_OF_TIME, metadata);
                yield Problems.respond(Problems.of(Problems.of(CalendarError.HOLD_EXPIRED),
                        "The move ran out of time before every calendar held the new slot; it stays where it was"));
            }
        };
    }

    @Operation(summary = "Cancel an appointment of several calendars on every one of them",
               description = "204, also when it was cancelled already; the participants, the front desk and admins.")
    @DeleteMapping("/{appointmentId}")
    public ResponseEntity<Void> cancel(@PathVariable("appointmentId") String appointmentId,
                                       @RequestParam(name = "reason", required = false) String reason,
                                       CallerAuthentication caller,
                                       HttpServletRequest request) {
        GroupAppointmentView found = readable(appointmentId, caller.caller(), caller.caller().mayBookAnyCalendar());
        RequestFields fields = new RequestFields();
        String checkedReason = fields.text("reason", reason);
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();
        GroupAppointmentView decided = found.isDecided() ? found : appointments.awaitDecision(found.id());
        if (decided.status() != GroupStatus.PENDING && !decided.wasBooked()) {
            throw new NotFound(NO_SUCH_APPOINTMENT + found.id() + " was booked");
        }
        appointments.cancel(found.id(), checkedReason, metadata);
        // at once on every calendar; the booking process does the same, durably, should this node stop here
        for (Participant participant : decided.participants()) {
            calendars.sendToExisting(new CancelAppointment(participant.calendarId(), decided.id(), checkedReason, true),
                    metadata);
        }
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /**
     * The appointment, if the caller may see it ({@code allowedAnyway}, or one of its calendars is theirs). A caller
     * who may not learns nothing, not even whether it exists: 403 either way.
     */
    private GroupAppointmentView readable(String appointmentId, Caller caller, boolean allowedAnyway) {
        RequestFields fields = new RequestFields();
        AppointmentId id = fields.appointmentId(appointmentId);
        if (!allowedAnyway && id == null) {
            throw new AccessRefusedException("Not an appointment of yours");
        }
        fields.validate();
        GroupAppointmentView found = appointments.read(id).orElse(null);
        boolean mayRead = allowedAnyway || (found != null && found.takesPart(caller.subject()));
        if (!mayRead) {
            throw new AccessRefusedException("Not an appointment of yours");
        }
        if (found == null) {
            throw new NotFound(NO_SUCH_APPOINTMENT + id);
        }
        return found;
    }

    static ResponseEntity<ProblemDetail> refused(GroupAppointmentView outcome) {
        return Problems.respond(refusal(outcome.id(), outcome.refusals(), "Calendar "
                + outcome.refusals().get(0).calendarId() + " refused the appointment; nothing of it stays on any calendar"));
    }

    private static ProblemDetail refusal(AppointmentId id, List<Refusal> refusals, String detail) {
        ProblemDetail problem = Problems.of(Problems.PARTICIPANT_UNAVAILABLE, detail);
        problem.setProperty("appointmentId", id.toString());
        problem.setProperty("conflicts", GroupAppointmentView.conflicts(refusals));
        return problem;
    }

    static List<String> calendarIds(List<GroupBookingRequest.ParticipantRequest> participants) {
        return participants == null ? List.of() : participants.stream().filter(Objects::nonNull)
                                                              .map(GroupBookingRequest.ParticipantRequest::calendarId)
                                                              .filter(Objects::nonNull).toList();
    }

    static List<Participant> participants(RequestFields fields,
                                                  List<GroupBookingRequest.ParticipantRequest> requested) {
        if (requested == null || requested.size() < GroupAppointment.MIN_PARTICIPANTS
                || requested.size() > GroupAppointment.MAX_PARTICIPANTS) {
            return fields.reject("participants", "must name " + GroupAppointment.MIN_PARTICIPANTS + " to "
                    + GroupAppointment.MAX_PARTICIPANTS + " calendars");
        }
        List<Participant> participants = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            GroupBookingRequest.ParticipantRequest participant = requested.get(i);
            String field = "participants[" + i + "]";
            if (participant == null) {
                fields.reject(field, "is required");
                continue;
            }
            UserId calendarId = null;
            if (!UserId.isValid(participant.calendarId())) {
                fields.reject(field + ".calendarId", UserId.RULE);
            } else if (!seen.add(participant.calendarId())) {
                fields.reject(field + ".calendarId", "names a calendar already taking part");
            } else {
                calendarId = new UserId(participant.calendarId());
            }
            ParticipantRole role = role(participant.role());
            if (role == null) {
                fields.reject(field + ".role", "must be one of practitioner, patient, location, device, other");
            }
            if (calendarId != null && role != null) {
                participants.add(new Participant(calendarId, role));
            }
        }
        return participants;
    }

    private static ParticipantRole role(String value) {
        if (value == null) {
            return null;
        }
        for (ParticipantRole role : ParticipantRole.values()) {
            if (role.name().toLowerCase(Locale.ROOT).equals(value)) {
                return role;
            }
        }
        return null;
    }

    /** {@code 404 appointment-not-found}. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }
}
