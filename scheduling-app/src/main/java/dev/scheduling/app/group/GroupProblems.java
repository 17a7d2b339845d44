package dev.scheduling.app.group;

import dev.scheduling.app.web.Problems;
import dev.scheduling.domain.calendar.CalendarError;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An appointment of several calendars that is not there, as a problem. */
@RestControllerAdvice
@Order(0)
public class GroupProblems {

    @ExceptionHandler(GroupAppointmentController.NotFound.class)
    ResponseEntity<ProblemDetail> notFound(GroupAppointmentController.NotFound e) {
        return Problems.respond(Problems.of(Problems.of(CalendarError.APPOINTMENT_NOT_FOUND), e.getMessage()));
    }
}
