package dev.scheduling.app.eventstore;

import dev.scheduling.app.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The event store unreachable, as a problem: 503, retry shortly. */
@RestControllerAdvice
@Order(0)
public class EventStoreProblems {

    private static final Logger log = LoggerFactory.getLogger(EventStoreProblems.class);

    @ExceptionHandler(EventStoreUnavailableException.class)
    ResponseEntity<ProblemDetail> eventStoreUnavailable(EventStoreUnavailableException e) {
        log.warn("Refusing a request while the event store is unreachable: {}", e.getCause().toString());
        return Problems.retryLater(Problems.of(Problems.SERVICE_UNAVAILABLE,
                "The event store is unreachable. Try again shortly: a command that was cut off may or may not have "
                        + "been recorded, and a booking retried with the same Idempotency-Key is never made twice."));
    }
}
