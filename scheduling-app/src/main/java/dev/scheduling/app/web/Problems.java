package dev.scheduling.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.domain.calendar.CalendarError;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.springframework.http.HttpStatus.BAD_REQUEST;
import static org.springframework.http.HttpStatus.CONFLICT;
import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Every problem the service answers with, in one table, as problem details (RFC 9457) with a stable {@code type} per
 * error, {@code urn:scheduling:problem:<code>}, and the same code in a {@code code} member for clients that prefer a
 * plain string. Codes are part of the API: never rename one.
 */
public final class Problems {

    static final String TYPE_PREFIX = "urn:scheduling:problem:";
    private static final String RETRY_AFTER_SECONDS = "5";

    public static final ProblemType INVALID_REQUEST = ProblemType.titled(BAD_REQUEST, "invalid-request", "Invalid request");
    public static final ProblemType MALFORMED_REQUEST = ProblemType.titled(BAD_REQUEST, "malformed-request",
            "Malformed request");
    public static final ProblemType PAYLOAD_TOO_LARGE = ProblemType.plain(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large");
    public static final ProblemType REQUEST_TIMEOUT = ProblemType.plain(HttpStatus.REQUEST_TIMEOUT, "request-timeout");
    public static final ProblemType CONCURRENT_MODIFICATION = ProblemType.titled(CONFLICT, "concurrent-modification",
            "The calendar was changed concurrently");
    public static final ProblemType AVAILABILITY_NOT_SET = ProblemType.titled(NOT_FOUND, "availability-not-set",
            "The calendar has no availability rules");
    public static final ProblemType PROJECTION_NOT_FOUND = ProblemType.plain(NOT_FOUND, "projection-not-found");
    public static final ProblemType PROJECTION_BUSY = ProblemType.plain(CONFLICT, "projection-busy");
    public static final ProblemType SERVICE_UNAVAILABLE = ProblemType.plain(HttpStatus.SERVICE_UNAVAILABLE,
            "service-unavailable");
    public static final ProblemType READ_MODEL_UNAVAILABLE = ProblemType.plain(HttpStatus.SERVICE_UNAVAILABLE,
            "read-model-unavailable");
    public static final ProblemType INTERNAL_ERROR = ProblemType.plain(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error");
    public static final ProblemType UNAUTHENTICATED = ProblemType.titled(HttpStatus.UNAUTHORIZED, "unauthenticated",
            "Authentication required");
    public static final ProblemType FORBIDDEN = ProblemType.titled(HttpStatus.FORBIDDEN, "forbidden", "Not allowed");
    public static final ProblemType RATE_LIMITED = ProblemType.titled(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
            "Too many requests");

    /** What the calendar refuses: the compiler sees to it that every error has its row. */
    private static final Map<CalendarError, ProblemType> OF_CALENDAR_ERROR = new EnumMap<>(CalendarError.class);

    static {
        for (CalendarError error : CalendarError.values()) {
            OF_CALENDAR_ERROR.put(error, switch (error) {
                case APPOINTMENT_OVERLAP -> titled(CONFLICT, error, "The slot overlaps another appointment", null);
                case APPOINTMENT_NOT_FOUND -> titled(NOT_FOUND, error, "Appointment not found", null);
                case APPOINTMENT_CANCELLED -> titled(CONFLICT, error, "The appointment is cancelled", null);
                case APPOINTMENT_ALREADY_STARTED -> titled(CONFLICT, error, "The appointment has already started", null);
                case IDEMPOTENCY_KEY_REUSED -> titled(CONFLICT, error,
                        "Idempotency key already used for a different request", null);
                case START_IN_PAST -> titled(BAD_REQUEST, error, "The start lies in the past", "start");
                case APPOINTMENT_TOO_LONG -> titled(BAD_REQUEST, error, "The appointment is too long", "end");
                case INVALID_TIME_SLOT -> titled(BAD_REQUEST, error, "Invalid time slot", "end");
                case INVALID_VALUE -> titled(BAD_REQUEST, error, "Invalid value", null);
                case CALENDAR_FULL -> titled(CONFLICT, error,
                        "The calendar holds as many future appointments as it may", null);
                case OUTSIDE_AVAILABILITY -> titled(CONFLICT, error, "The calendar is not open then", null);
                case NOTICE_TOO_SHORT -> titled(CONFLICT, error, "Too short notice for this calendar", null);
                case BEYOND_BOOKING_HORIZON -> titled(CONFLICT, error, "Too far ahead for this calendar", null);
                case HOLD_EXPIRED -> titled(CONFLICT, error, "The hold has expired or was released", null);
                case APPOINTMENT_OF_SEVERAL_CALENDARS -> titled(CONFLICT, error,
                        "The appointment is on several calendars: it changes on all of them or on none", null);
                case PARTICIPANT_UNAVAILABLE -> titled(CONFLICT, error,
                        "A participant's calendar refused the appointment", null);
                case NOT_PUBLISHED -> titled(HttpStatus.FORBIDDEN, error, "Not allowed", null);
            });
        }
    }

    /** What Spring MVC itself refuses (404, 405, 415 ...) is given one of these; other statuses {@code http-<status>}. */
    private static final Map<Integer, ProblemType> OF_PLAIN_STATUS = Map.of(
            400, MALFORMED_REQUEST,
            404, ProblemType.plain(NOT_FOUND, "not-found"),
            405, ProblemType.plain(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed"),
            406, ProblemType.plain(HttpStatus.NOT_ACCEPTABLE, "not-acceptable"),
            408, REQUEST_TIMEOUT,
            413, PAYLOAD_TOO_LARGE,
            415, ProblemType.plain(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type"),
            500, INTERNAL_ERROR,
            503, SERVICE_UNAVAILABLE);

    private Problems() {
    }

    public static ProblemType of(CalendarError error) {
        return OF_CALENDAR_ERROR.get(error);
    }

    /** The problem of a refused command or value: its code's type, its data, and a field error where it has a field. */
    public static ProblemDetail ofRefusal(CalendarError error, String message, Map<String, String> data) {
        ProblemType type = of(error);
        ProblemDetail problem = of(type, message);
        data.forEach(problem::setProperty);
        if (type.field() != null) {
            problem.setProperty("errors", List.of(new FieldError(type.field(), message)));
        }
        return problem;
    }

    public static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** A problem of an outage: the client may retry, after a few seconds ({@code Retry-After}). */
    public static ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                             .body(problem);
    }

    /**
     * Writes a problem straight to the response, for filters that answer before Spring MVC sees the request. The
     * response stays open (not committed) until the request ends, so that what follows may still add headers: a
     * refusal of a request whose body was not read closes the connection ({@link UnreadBodyValve}).
     */
    public static void write(HttpServletResponse response, ObjectMapper objectMapper, ProblemDetail problem)
            throws IOException {
        byte[] body = objectMapper.writeValueAsBytes(problem);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // a length, not chunks: an answer flushed before the request ends is then whole on the wire
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        stamp(problem, type.code(), type.title());
        return problem;
    }

    /** A problem of a plain HTTP status (what Tomcat or Spring MVC refuse themselves), with our type and code. */
    static ProblemDetail ofStatus(int status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        stampPlain(problem);
        return problem;
    }

    /** Gives a problem made by Spring MVC (404, 405, 415 ...) our type and code. */
    static void stampPlain(ProblemDetail problem) {
        ProblemType type = OF_PLAIN_STATUS.get(problem.getStatus());
        if (type != null) {
            stamp(problem, type.code(), type.title());
        } else {
            String code = "http-" + problem.getStatus();
            HttpStatus status = HttpStatus.resolve(problem.getStatus());
            stamp(problem, code, status == null ? code : status.getReasonPhrase());
        }
    }

    private static ProblemType titled(HttpStatus status, CalendarError error, String title, String field) {
        return new ProblemType(status, error.code(), title, field);
    }

    private static void stamp(ProblemDetail problem, String code, String title) {
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(title);
        problem.setProperty("code", code);
    }
}
