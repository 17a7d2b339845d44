package dev.scheduling.benchmarks.crud;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import java.util.regex.Pattern;

/** The booking request of the service, the same body and the same answers (201, 400 and 409 as problem details). */
@RestController
class CrudBookingController {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** PostgreSQL's exclusion_violation. */
    private static final String EXCLUSION_VIOLATION = "23P01";

    private final JdbcTemplate jdbc;

    CrudBookingController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record BookingRequest(Instant start, Instant end, String title, String location, String timeZone) {
    }

    record Appointment(UUID id, String userId, Instant start, Instant end, String title, String location,
                       String timeZone, String status) {
    }

    @GetMapping("/ready")
    String ready() {
        return "ready";
    }

    @PostMapping("/users/{userId}/appointments")
    ResponseEntity<?> book(@PathVariable("userId") String userId, @RequestBody BookingRequest request) {
        String invalid = invalid(userId, request);
        if (invalid != null) {
            return problem(HttpStatus.BAD_REQUEST, "invalid-request", invalid);
        }
        String zone = request.timeZone() == null ? "UTC" : request.timeZone();
        UUID id = UUID.randomUUID();
        try {
            jdbc.update("INSERT INTO crud_appointment (id, user_id, start_at, end_at, title, location, time_zone, status, "
                    + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'BOOKED', ?)", id, userId, Timestamp.from(request.start()),
                    Timestamp.from(request.end()), request.title(), request.location(), zone, Timestamp.from(Instant.now()));
        } catch (DataIntegrityViolationException e) {
            if (e.getMostSpecificCause() instanceof SQLException sql && EXCLUSION_VIOLATION.equals(sql.getSQLState())) {
                return problem(HttpStatus.CONFLICT, "appointment-overlap", "The slot overlaps another appointment");
            }
            throw e;
        }
        return ResponseEntity.created(URI.create("/users/" + userId + "/appointments/" + id))
                             .body(new Appointment(id, userId, request.start(), request.end(), request.title(),
                                     request.location(), zone, "BOOKED"));
    }

    private static String invalid(String userId, BookingRequest request) {
        if (!USER.matcher(userId).matches()) {
            return "userId is not a user id";
        }
        if (request.start() == null || request.end() == null || !request.start().isBefore(request.end())) {
            return "start and end are required, start before end";
        }
        if (request.start().isBefore(Instant.now())) {
            return "start is in the past";
        }
        if (request.timeZone() != null) {
            try {
                ZoneId.of(request.timeZone());
            } catch (DateTimeException e) {
                return "timeZone is not a time zone";
            }
        }
        return null;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:problem:" + code));
        problem.setProperty("code", code);
        return ResponseEntity.status(status).body(problem);
    }
}
