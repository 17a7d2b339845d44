package dev.scheduling.app.readmodel;

import dev.scheduling.app.web.Problems;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The read model's failures as problems: unreachable (503, retry), no such projection, a projection busy elsewhere. */
@RestControllerAdvice
@Order(0)
public class ReadModelProblems {

    private static final Logger log = LoggerFactory.getLogger(ReadModelProblems.class);

    @ExceptionHandler(ReadModelUnavailableException.class)
    ResponseEntity<ProblemDetail> readModelUnavailable(ReadModelUnavailableException e) {
        // the failure as one line: a stack trace per refused read would flood the log during an outage
        log.warn("Refusing a read while the read model is unreachable: {}",
                String.valueOf(e.getCause() == null ? e : e.getCause()));
        return Problems.retryLater(Problems.of(Problems.READ_MODEL_UNAVAILABLE,
                "The read model is unreachable. Try again shortly; bookings are still accepted."));
    }

    @ExceptionHandler(UnknownProjectionException.class)
    ResponseEntity<ProblemDetail> unknownProjection(UnknownProjectionException e) {
        return Problems.respond(Problems.of(Problems.PROJECTION_NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(UnableToClaimTokenException.class)
    ResponseEntity<ProblemDetail> projectionBusy(UnableToClaimTokenException e) {
        return Problems.respond(Problems.of(Problems.PROJECTION_BUSY,
                "Another node is processing this projection; stop it there, or try again"));
    }
}
