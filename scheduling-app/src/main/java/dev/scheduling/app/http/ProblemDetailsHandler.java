package dev.scheduling.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.scheduling.app.commands.CalendarContentionException;
import dev.scheduling.app.commands.CommandFailure;
import dev.scheduling.app.security.LocalTokensRefusedException;
import dev.scheduling.domain.calendar.CalendarError;
import dev.scheduling.domain.calendar.CalendarException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Map;

/** The one place where failures become HTTP answers: problem details, never a 200 with an error, never a stack trace. */
@RestControllerAdvice
public class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);
    private static final int PROBE_SECONDS = 1;

    private final DataSource dataSource;

    public ProblemDetailsHandler(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static final Map<String, HttpStatus> STATUS_OF_CODE = Map.of(
            CalendarError.APPOINTMENT_OVERLAP.code(), HttpStatus.CONFLICT,
            CalendarError.APPOINTMENT_NOT_FOUND.code(), HttpStatus.NOT_FOUND,
            CalendarError.APPOINTMENT_CANCELLED.code(), HttpStatus.CONFLICT,
            CalendarError.APPOINTMENT_ALREADY_STARTED.code(), HttpStatus.CONFLICT,
            CalendarError.IDEMPOTENCY_KEY_REUSED.code(), HttpStatus.CONFLICT,
            CalendarError.START_IN_PAST.code(), HttpStatus.BAD_REQUEST,
            CalendarError.APPOINTMENT_TOO_LONG.code(), HttpStatus.BAD_REQUEST,
            CalendarError.INVALID_TIME_SLOT.code(), HttpStatus.BAD_REQUEST,
            CalendarError.INVALID_VALUE.code(), HttpStatus.BAD_REQUEST,
            CalendarError.CALENDAR_FULL.code(), HttpStatus.CONFLICT);

    /** Rules about the slot are also field errors of the request, so a form can show them where they belong. */
    private static final Map<String, String> FIELD_OF_CODE = Map.of(
            CalendarError.START_IN_PAST.code(), "start",
            CalendarError.APPOINTMENT_TOO_LONG.code(), "end",
            CalendarError.INVALID_TIME_SLOT.code(), "end");

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST,
                "The request has " + e.errors().size() + " invalid field(s)");
        problem.setProperty("errors", e.errors());
        return respond(problem);
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> refusedCommand(CommandExecutionException e) {
        return e.<CommandFailure>getDetails()
                .map(failure -> respond(fromFailure(failure.code(), failure.message(), failure.data())))
                .orElseGet(() -> unexpected(e));
    }

    @ExceptionHandler(CalendarException.class)
    ResponseEntity<ProblemDetail> refusedValue(CalendarException e) {
        return respond(fromFailure(e.error().code(), e.getMessage(), e.data()));
    }

    @ExceptionHandler(CalendarContentionException.class)
    ResponseEntity<ProblemDetail> concurrentModification(CalendarContentionException e) {
        return respond(Problems.of(HttpStatus.CONFLICT, Problems.CONCURRENT_MODIFICATION, e.getMessage()));
    }

    @ExceptionHandler(UnknownProjectionException.class)
    ResponseEntity<ProblemDetail> unknownProjection(UnknownProjectionException e) {
        return respond(Problems.of(HttpStatus.NOT_FOUND, "projection-not-found", e.getMessage()));
    }

    @ExceptionHandler(LocalTokensRefusedException.class)
    ResponseEntity<ProblemDetail> localTokensRefused(LocalTokensRefusedException e) {
        return respond(Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, e.getMessage()));
    }

    @ExceptionHandler(UnableToClaimTokenException.class)
    ResponseEntity<ProblemDetail> projectionBusy(UnableToClaimTokenException e) {
        return respond(Problems.of(HttpStatus.CONFLICT, "projection-busy",
                "Another node is processing this projection; stop it there, or try again"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (isReadModelUnavailable(e)) {
            log.warn("Refusing a read while the read model is unreachable: {}", e.toString());
            ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "read-model-unavailable",
                    "The read model is unreachable. Try again shortly; bookings are still accepted.");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                                 .body(problem);
        }
        if (isDatabaseUnavailable(e)) {
            log.warn("Refusing a request while the event store is unreachable: {}", e.toString());
            ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.SERVICE_UNAVAILABLE,
                    "The event store is unreachable. Try again shortly: a command that was cut off may or may not have "
                            + "been recorded, and a booking retried with the same Idempotency-Key is never made twice.");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                                 .body(problem);
        }
        log.error("Unexpected failure", e);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_ERROR,
                "An unexpected error occurred; nothing was changed."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        ProblemDetail problem;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            problem = invalidField(new FieldError(path(unknown), "is not a known field"));
        } else if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            problem = invalidField(new FieldError(path(mismatch), "must be a string"));
        } else if (cause instanceof JsonProcessingException) {
            problem = Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST,
                    "The body is not a JSON object of the expected shape");
        } else {
            problem = Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST,
                    "The request body is missing or unreadable");
        }
        return new ResponseEntity<>(problem, HttpStatus.BAD_REQUEST);
    }

    /** Whatever Spring MVC itself refuses (404, 405, 406, 415 ...) gets our problem type too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            Problems.stampPlain(problem);
        }
        return response;
    }

    private static ProblemDetail fromFailure(String code, String message, Map<String, String> data) {
        HttpStatus status = STATUS_OF_CODE.getOrDefault(code, HttpStatus.BAD_REQUEST);
        ProblemDetail problem = Problems.of(status, code, message);
        data.forEach(problem::setProperty);
        String field = FIELD_OF_CODE.get(code);
        if (field != null) {
            problem.setProperty("errors", List.of(new FieldError(field, message)));
        }
        return problem;
    }

    private static ProblemDetail invalidField(FieldError error) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST,
                "The request has 1 invalid field(s)");
        problem.setProperty("errors", List.of(error));
        return problem;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static boolean isReadModelUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ReadModelUnavailableException
                    || cause instanceof SdkClientException
                    || cause instanceof DynamoDbException dynamo && dynamo.statusCode() >= 500) {
                return true;
            }
        }
        return false;
    }

    /**
     * A failure in JDBC while PostgreSQL does not answer is an outage, whatever the driver or pool called it; the
     * database is asked, briefly, rather than guessed at. A broken connection (SQLState class 08: the driver's I/O
     * errors, the pool's "Connection is closed") is one too, even when the database answers again by the time the
     * error is handled: under load, requests holding connections from before a restart fail after it is back.
     */
    private boolean isDatabaseUnavailable(Throwable failure) {
        boolean jdbc = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            jdbc |= cause instanceof SQLException;
        }
        return jdbc && !databaseAnswers();
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(PROBE_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
