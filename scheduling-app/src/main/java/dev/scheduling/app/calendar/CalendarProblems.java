package dev.scheduling.app.calendar;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.scheduling.app.web.Problems;
import dev.scheduling.domain.calendar.CalendarException;
import dev.scheduling.domain.visit.Refusal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** What the calendar (or a visit) refuses, as problems: its stable code, its data, and the field it concerns. */
@RestControllerAdvice
@Order(0)
public class CalendarProblems {

    private static final Logger log = LoggerFactory.getLogger(CalendarProblems.class);

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> refusedCommand(CommandExecutionException e) {
        return e.<CommandFailure>getDetails()
                .map(failure -> Problems.respond(problem(failure)))
                .orElseGet(() -> {
                    log.error("Unexpected failure of a command", e);
                    return Problems.respond(Problems.of(Problems.INTERNAL_ERROR,
                            "An unexpected error occurred; nothing was changed."));
                });
    }

    /** A refusal's problem: its code, its data, and for a visit each calendar that refused. */
    static ProblemDetail problem(CommandFailure failure) {
        ProblemDetail problem = Problems.ofRefusal(failure.error(), failure.message(), failure.data());
        if (!failure.refusals().isEmpty()) {
            problem.setProperty("conflicts", failure.refusals().stream().map(Conflict::of).toList());
        }
        return problem;
    }

    /** A calendar that refused a visit, with its code and the slot in the way (never that slot's title or id). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Conflict(String calendarId, String code, String conflictingStart, String conflictingEnd) {

        static Conflict of(Refusal refusal) {
            return new Conflict(refusal.calendarId().value(), refusal.code(),
                    refusal.conflictingStart() == null ? null : refusal.conflictingStart().toString(),
                    refusal.conflictingEnd() == null ? null : refusal.conflictingEnd().toString());
        }
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
