package dev.scheduling.app.availability;

import dev.scheduling.app.web.Problems;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A calendar without rules, asked for its rules: {@code 404 availability-not-set}. */
@RestControllerAdvice
@Order(0)
public class AvailabilityProblems {

    @ExceptionHandler(AvailabilityNotSetException.class)
    ResponseEntity<ProblemDetail> notSet(AvailabilityNotSetException e) {
        return Problems.respond(Problems.of(Problems.AVAILABILITY_NOT_SET, e.getMessage()));
    }
}
