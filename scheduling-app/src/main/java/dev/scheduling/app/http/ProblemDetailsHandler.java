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

import java.util.List;
import java.util.Map;

/**
 * The one place where failures become HTTP answers: problem details, never a 200 with an error, never a stack trace.
 * It only maps: what each problem is lives in {@link Problems}, and whether a failure was an outage is decided where
 * the event store or read model was called ({@link Outages}).
 */
@RestControllerAdvice
public class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        return respond(invalidFields(e.errors()));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> refusedCommand(CommandExecutionException e) {
        return e.<CommandFailure>getDetails()
                .map(failure -> respond(refusal(failure.error(), failure.message(), failure.data())))
                .orElseGet(() -> unexpected(e));
    }

    @ExceptionHandler(CalendarException.class)
    ResponseEntity<ProblemDetail> refusedValue(CalendarException e) {
        return respond(refusal(e.error(), e.getMessage(), e.data()));
    }

    @ExceptionHandler(CalendarContentionException.class)
    ResponseEntity<ProblemDetail> contention(CalendarContentionException e) {
        return respond(Problems.of(Problems.CONCURRENT_MODIFICATION, e.getMessage()));
    }

    @ExceptionHandler(UnknownProjectionException.class)
    ResponseEntity<ProblemDetail> unknownProjection(UnknownProjectionException e) {
        return respond(Problems.of(Problems.PROJECTION_NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(LocalTokensRefusedException.class)
    ResponseEntity<ProblemDetail> localTokensRefused(LocalTokensRefusedException e) {
        return respond(Problems.of(Problems.FORBIDDEN, e.getMessage()));
    }

    @ExceptionHandler(UnableToClaimTokenException.class)
    ResponseEntity<ProblemDetail> projectionBusy(UnableToClaimTokenException e) {
        return respond(Problems.of(Problems.PROJECTION_BUSY,
                "Another node is processing this projection; stop it there, or try again"));
    }

    @ExceptionHandler(ReadModelUnavailableException.class)
    ResponseEntity<ProblemDetail> readModelUnavailable(ReadModelUnavailableException e) {
        // the failure as one line: a stack trace per refused read would flood the log during an outage
        log.warn("Refusing a read while the read model is unreachable: {}",
                String.valueOf(e.getCause() == null ? e : e.getCause()));
        return retryLater(Problems.of(Problems.READ_MODEL_UNAVAILABLE,
                "The read model is unreachable. Try again shortly; bookings are still accepted."));
    }

    @ExceptionHandler(EventStoreUnavailableException.class)
    ResponseEntity<ProblemDetail> eventStoreUnavailable(EventStoreUnavailableException e) {
        log.warn("Refusing a request while the event store is unreachable: {}", e.getCause().toString());
        return retryLater(Problems.of(Problems.SERVICE_UNAVAILABLE,
                "The event store is unreachable. Try again shortly: a command that was cut off may or may not have "
                        + "been recorded, and a booking retried with the same Idempotency-Key is never made twice."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return respond(Problems.of(Problems.INTERNAL_ERROR, "An unexpected error occurred; nothing was changed."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        ProblemDetail problem;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            problem = invalidFields(List.of(new FieldError(path(unknown), "is not a known field")));
        } else if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            problem = invalidFields(List.of(new FieldError(path(mismatch), "must be a string")));
        } else if (cause instanceof JsonProcessingException) {
            problem = Problems.of(Problems.MALFORMED_REQUEST, "The body is not a JSON object of the expected shape");
        } else {
            problem = Problems.of(Problems.MALFORMED_REQUEST, "The request body is missing or unreadable");
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

    private static ProblemDetail refusal(CalendarError error, String message, Map<String, String> data) {
        ProblemType type = Problems.of(error);
        ProblemDetail problem = Problems.of(type, message);
        data.forEach(problem::setProperty);
        if (type.field() != null) {
            problem.setProperty("errors", List.of(new FieldError(type.field(), message)));
        }
        return problem;
    }

    private static ProblemDetail invalidFields(List<FieldError> errors) {
        ProblemDetail problem = Problems.of(Problems.INVALID_REQUEST,
                "The request has " + errors.size() + " invalid field(s)");
        problem.setProperty("errors", errors);
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

    private static ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                             .body(problem);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
