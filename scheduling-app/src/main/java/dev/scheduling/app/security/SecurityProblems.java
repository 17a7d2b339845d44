package dev.scheduling.app.security;

import dev.scheduling.app.web.Problems;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals decided after the filter chain (a local token asked from another machine, a calendar not shown), as problems. */
@RestControllerAdvice
@Order(0)
public class SecurityProblems {

    @ExceptionHandler(LocalTokensRefusedException.class)
    ResponseEntity<ProblemDetail> localTokensRefused(LocalTokensRefusedException e) {
        return Problems.respond(Problems.of(Problems.FORBIDDEN, e.getMessage()));
    }

    @ExceptionHandler(AccessRefusedException.class)
    ResponseEntity<ProblemDetail> accessRefused(AccessRefusedException e) {
        return Problems.respond(Problems.of(Problems.FORBIDDEN, e.getMessage()));
    }
}
