package dev.scheduling.app.group;

import dev.scheduling.app.availability.CalendarVisibility;
import dev.scheduling.app.calendar.AppointmentIds;
import dev.scheduling.app.calendar.RequestMetadata;
import dev.scheduling.app.security.CallerAuthentication;
import dev.scheduling.app.web.Problems;
import dev.scheduling.app.web.RequestFields;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.CalendarError;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.SlotPolicy;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.group.GroupBookingProcess;
import dev.scheduling.domain.group.GroupStatus;
import dev.scheduling.domain.group.PlaceGroupHold;
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

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Holds for a booking form: a slot kept busy on every participant's calendar, all or none, until {@code POST
 * /appointments} with its {@code holdId} books it, {@code DELETE /holds/{id}} gives it up, or it expires (durably:
 * the booking process's deadline releases it, on any node, after restarts). Placed like a booking, calendar by
 * calendar in the order of their ids.
 */
@RestController
@RequestMapping("/holds")
public class GroupHoldController {

    static final Duration SHORTEST_TTL = Duration.ofSeconds(5);
    static final Duration LONGEST_TTL = Duration.ofMinutes(15);
    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private final GroupAppointments appointments;
    private final GroupAppointmentController bookings;
    private final CalendarVisibility visibility;
    private final AppointmentIds appointmentIds;
    private final SlotPolicy slotPolicy;
    private final Clock clock;

    public GroupHoldController(GroupAppointments appointments, GroupAppointmentController bookings,
                               CalendarVisibility visibility, AppointmentIds appointmentIds, SlotPolicy slotPolicy,
                               Clock clock) {
        this.appointments = appointments;
        this.bookings = bookings;
        this.visibility = visibility;
        this.appointmentIds = appointmentIds;
        this.slotPolicy = slotPolicy;
        this.clock = clock;
    }

    @Operation(summary = "Keep a slot on several calendars for a booking form, all or nothing",
               description = "201 {id, expiresAt, ...} once every calendar keeps it (busy there, in slot search and "
                       + "busy times too) until it is booked with POST /appointments {holdId}, released or expires; "
                       + "ttl PT5S to PT15M (default PT5M). 409 participant-unavailable as for a booking.")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> hold(@RequestBody GroupHoldRequest body,
                                  @RequestHeader(name = GroupAppointmentController.IDEMPOTENCY_KEY, required = false)
                                  String idempotencyKey,
                                  CallerAuthentication caller,
                                  HttpServletRequest request) {
        // who may is decided first, as for a booking
        visibility.requireMayBook(caller.caller(), GroupAppointmentController.calendarIds(body.participants()));
        boolean override = caller.caller().overridesAvailability(body.overrideAvailability());
        RequestFields fields = new RequestFields();
        List<Participant> participants = GroupAppointmentController.participants(fields, body.participants());
        Instant start = fields.instant("start", body.start());
        Instant end = fields.instant("end", body.end());
        Duration ttl = ttl(fields, body.ttl());
        String key = fields.header(GroupAppointmentController.IDEMPOTENCY_KEY, idempotencyKey,
                RequestFields.MAX_IDEMPOTENCY_KEY_LENGTH, true);
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();
        TimeSlot slot = new TimeSlot(start, end);
        Instant now = clock.instant();
        slotPolicy.check(slot, now);

        AppointmentId id = key == null ? appointmentIds.next()
                : appointmentIds.forHoldIdempotencyKey(caller.caller().subject(), key);
        boolean created = appointments.requestHold(new PlaceGroupHold(id, participants, slot, now, now.plus(ttl), override),
                metadata);
        GroupAppointmentView outcome = appointments.awaitDecision(id);
        URI path = URI.create("/holds/" + id);
        return switch (outcome.status()) {
            case HELD -> created ? ResponseEntity.created(path).body(outcome.response())
                    : ResponseEntity.ok(outcome.response());
            case PENDING -> ResponseEntity.accepted().location(path).body(outcome.response());
            case REFUSED -> {
                appointments.releaseOnEveryCalendar(outcome, GroupBookingProcess.REFUSED, metadata);
                yield GroupAppointmentController.refused(outcome);
            }
            case EXPIRED -> {
                appointments.releaseOnEveryCalendar(outcome, GroupBookingProcess.OUT_OF_TIME, metadata);
                yield Problems.respond(Problems.of(Problems.of(CalendarError.HOLD_EXPIRED),
                        "The hold expired before every calendar kept it; nothing of it stays"));
            }
            // the same Idempotency-Key again, after the hold was booked or released: where it stands
            case BOOKED, CANCELLED, RELEASED -> ResponseEntity.ok(outcome.response());
        };
    }

    @Operation(summary = "A hold: its participants, slot, expiry and where it stands (HELD, then BOOKED, RELEASED or "
            + "EXPIRED)", description = "Its participants and staff read it.")
    @GetMapping("/{holdId}")
    public GroupAppointmentView.Response read(@PathVariable("holdId") String holdId, CallerAuthentication caller) {
        return bookings.read(holdId, caller);
    }

    @Operation(summary = "Give a hold up: its slot is free again on every calendar",
               description = "204, also when it was released or expired already; 409 hold-expired once it was booked "
                       + "(cancel the appointment instead). Who placed it, the front desk and admins.")
    @DeleteMapping("/{holdId}")
    public ResponseEntity<?> release(@PathVariable("holdId") String holdId, CallerAuthentication caller,
                                     HttpServletRequest request) {
        RequestFields fields = new RequestFields();
        AppointmentId id = GroupAppointmentController.holdId(fields, "holdId", holdId);
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();
        GroupAppointmentView hold = bookings.holdOf(id, caller.caller());
        if (hold.wasBooked()) {
            return Problems.respond(Problems.of(Problems.of(CalendarError.HOLD_EXPIRED), "Hold " + id
                    + " was booked as appointment " + id + "; DELETE /appointments/" + id + " cancels it"));
        }
        appointments.releaseHold(id, metadata);
        GroupAppointmentView released = appointments.read(id).orElseThrow();
        if (released.status() == GroupStatus.RELEASED || released.status() == GroupStatus.EXPIRED
                || released.status() == GroupStatus.REFUSED) {
            // free at once on every calendar; the process does the same, durably
            appointments.releaseOnEveryCalendar(released, GroupBookingProcess.RELEASED, metadata);
        }
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
