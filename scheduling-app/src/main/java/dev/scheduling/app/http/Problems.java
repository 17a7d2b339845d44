package dev.scheduling.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;

import java.net.URI;
import java.util.Map;

/**
 * Problem details (RFC 9457) with a stable {@code type} per error, {@code urn:scheduling:problem:<code>}, and the
 * same code in a {@code code} member for clients that prefer a plain string.
 */
public final class Problems {

    static final String TYPE_PREFIX = "urn:scheduling:problem:";

    static final String INVALID_REQUEST = "invalid-request";
    static final String MALFORMED_REQUEST = "malformed-request";
    static final String CONCURRENT_MODIFICATION = "concurrent-modification";
    static final String SERVICE_UNAVAILABLE = "service-unavailable";
    static final String INTERNAL_ERROR = "internal-error";
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String FORBIDDEN = "forbidden";
    public static final String RATE_LIMITED = "rate-limited";

    private static final Map<Integer, String> CODES_OF_PLAIN_STATUSES = Map.of(
            400, MALFORMED_REQUEST,
            404, "not-found",
            405, "method-not-allowed",
            406, "not-acceptable",
            413, "payload-too-large",
            415, "unsupported-media-type",
            500, INTERNAL_ERROR,
            503, SERVICE_UNAVAILABLE);

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("appointment-overlap", "The slot overlaps another appointment"),
            Map.entry("appointment-not-found", "Appointment not found"),
            Map.entry("appointment-cancelled", "The appointment is cancelled"),
            Map.entry("appointment-already-started", "The appointment has already started"),
            Map.entry("idempotency-key-reused", "Idempotency key already used for a different request"),
            Map.entry("start-in-past", "The start lies in the past"),
            Map.entry("appointment-too-long", "The appointment is too long"),
            Map.entry("invalid-time-slot", "Invalid time slot"),
            Map.entry("invalid-value", "Invalid value"),
            Map.entry("calendar-full", "The calendar holds as many future appointments as it may"),
            Map.entry(UNAUTHENTICATED, "Authentication required"),
            Map.entry(FORBIDDEN, "Not allowed"),
            Map.entry(RATE_LIMITED, "Too many requests"),
            Map.entry(INVALID_REQUEST, "Invalid request"),
            Map.entry(MALFORMED_REQUEST, "Malformed request"),
            Map.entry(CONCURRENT_MODIFICATION, "The calendar was changed concurrently"));

    private Problems() {
    }

    /** Writes a problem straight to the response, for filters that answer before Spring MVC sees the request. */
    public static void write(HttpServletResponse response, ObjectMapper objectMapper, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        stamp(problem, code);
        return problem;
    }

    /** Gives a problem made by Spring MVC (404, 405, 415 ...) our type and code. */
    static void stampPlain(ProblemDetail problem) {
        stamp(problem, CODES_OF_PLAIN_STATUSES.getOrDefault(problem.getStatus(), "http-" + problem.getStatus()));
    }

    private static void stamp(ProblemDetail problem, String code) {
        problem.setType(URI.create(TYPE_PREFIX + code));
        String title = TITLES.get(code);
        if (title == null) {
            HttpStatus status = HttpStatus.resolve(problem.getStatus());
            title = status == null ? code : status.getReasonPhrase();
        }
        problem.setTitle(title);
        problem.setProperty("code", code);
    }
}
