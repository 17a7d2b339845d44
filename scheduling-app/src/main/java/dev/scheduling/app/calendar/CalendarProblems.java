package dev.scheduling.app.calendar;

import dev.scheduling.app.web.Problems;
import dev.scheduling.domain.calendar.CalendarException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** What the calendar refuses, as problems: its stable code, its data, and the field it concerns. */
@RestControllerAdvice
@Order(0)
public class CalendarProblems {

    private static final Logger log = LoggerFactory.getLogger(CalendarProblems.class);

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> refusedCommand(CommandExecutionException e) {
        return e.<CommandFailure>getDetails()
                .map(failure -> Problems.respond(Problems.ofRefusal(failure.error(), failure.message(), failure.data())))
                .orElseGet(() -> {
                    log.error("Unexpected failure of a command", e);
                    return Problems.respond(Problems.of(Problems.INTERNAL_ERROR,
                            "An unexpected error occurred; nothing was changed."));
                });
    }

    @ExceptionHandler(CalendarException.class)
    ResponseEntity<ProblemDetail> refusedValue(CalendarException e) {
        return Problems.respond(Problems.ofRefusal(e.error(), e.getMessage(), e.data()));
    }

    @ExceptionHandler(CalendarContentionException.class)
    ResponseEntity<ProblemDetail> contention(CalendarContentionException e) {
        return Problems.respond(Problems.of(Problems.CONCURRENT_MODIFICATION, e.getMessage()));
    }
}
