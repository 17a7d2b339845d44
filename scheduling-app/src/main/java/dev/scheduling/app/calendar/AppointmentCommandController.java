package dev.scheduling.app.calendar;

import dev.scheduling.app.web.RequestFields;
import dev.scheduling.app.security.CallerAuthentication;
import dev.scheduling.domain.calendar.Appointment;
import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.BookAppointment;
import dev.scheduling.domain.calendar.BookingOutcome;
import dev.scheduling.domain.calendar.CancelAppointment;
import dev.scheduling.domain.calendar.RescheduleAppointment;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
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

/** Book, reschedule and cancel: every request becomes one command on the user's calendar, or a 4xx and nothing. */
@RestController
@RequestMapping("/users/{userId}/appointments")
public class AppointmentCommandController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CalendarCommands commands;
    private final AppointmentIds appointmentIds;
    private final Clock clock;

    public AppointmentCommandController(CalendarCommands commands, AppointmentIds appointmentIds,
                                        Clock clock) {
        this.commands = commands;
        this.appointmentIds = appointmentIds;
        this.clock = clock;
    }

    @Operation(summary = "Book an appointment",
               description = "201 with the new appointment; 200 with the same appointment when the Idempotency-Key "
                       + "was already used for this very request; 409 when the slot overlaps another appointment or "
                       + "breaks the calendar's availability rules (overrideAvailability: front desk and admin only).")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<AppointmentResponse> book(@PathVariable("userId") String userId,
                                                    @RequestBody BookingRequest body,
                                                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                                    CallerAuthentication caller,
                                                    HttpServletRequest request) {
        boolean override = caller.caller().overridesAvailability(body.overrideAvailability());
        RequestFields fields = new RequestFields();
        UserId user = fields.userId(userId);
        Instant start = fields.instant("start", body.start());
        Instant end = fields.instant("end", body.end());
        String title = fields.text("title", body.title());
        String location = fields.text("location", body.location());
        var timeZone = fields.timeZone("timeZone", body.timeZone());
        String key = fields.header(IDEMPOTENCY_KEY, idempotencyKey, RequestFields.MAX_IDEMPOTENCY_KEY_LENGTH, true);
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();

        AppointmentId id = key == null ? appointmentIds.next() : appointmentIds.forIdempotencyKey(user, key);
        var command = new BookAppointment(user, id, new TimeSlot(start, end),
                new AppointmentDetails(title, location, timeZone), clock.instant(), override);
        BookingOutcome outcome = commands.send(command, metadata);

        AppointmentResponse response = AppointmentResponse.of(user, outcome.appointment());
        if (!outcome.created()) {
            return ResponseEntity.ok(response);
        }
        // relative: an absolute URL would be built from the request's Host header, which the client chooses
        return ResponseEntity.created(URI.create("/users/" + user + "/appointments/" + id)).body(response);
    }

    @Operation(summary = "Move an appointment to another slot")
    @PostMapping(path = "/{appointmentId}/reschedule", consumes = MediaType.APPLICATION_JSON_VALUE)
    public AppointmentResponse reschedule(@PathVariable("userId") String userId,
                                          @PathVariable("appointmentId") String appointmentId,
                                          @RequestBody RescheduleRequest body,
                                          CallerAuthentication caller,
                                          HttpServletRequest request) {
        boolean override = caller.caller().overridesAvailability(body.overrideAvailability());
        RequestFields fields = new RequestFields();
        UserId user = fields.userId(userId);
        AppointmentId id = fields.appointmentId(appointmentId);
        Instant start = fields.instant("start", body.start());
        Instant end = fields.instant("end", body.end());
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();

        var command = new RescheduleAppointment(user, id, new TimeSlot(start, end), clock.instant(), override);
        Appointment moved = commands.send(command, metadata);
        return AppointmentResponse.of(user, moved);
    }

    @Operation(summary = "Cancel an appointment", description = "204, also when it was already cancelled.")
    @DeleteMapping("/{appointmentId}")
    public ResponseEntity<Void> cancel(@PathVariable("userId") String userId,
                                       @PathVariable("appointmentId") String appointmentId,
                                       @RequestParam(name = "reason", required = false) String reason,
                                       CallerAuthentication caller,
                                       HttpServletRequest request) {
        RequestFields fields = new RequestFields();
        UserId user = fields.userId(userId);
        AppointmentId id = fields.appointmentId(appointmentId);
        String checkedReason = fields.text("reason", reason);
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();

        commands.send(new CancelAppointment(user, id, checkedReason), metadata);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }
}
