package dev.scheduling.app.web;

import dev.scheduling.domain.calendar.CalendarError;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    @Test
    void every_calendar_error_is_a_client_error_under_its_own_code() {
        for (CalendarError error : CalendarError.values()) {
            ProblemType type = Problems.of(error);
            assertThat(type.code()).as(error.name()).isEqualTo(error.code());
            assertThat(type.status().is4xxClientError()).as(error.name()).isTrue();
            assertThat(type.title()).as(error.name()).isNotBlank();
        }
        assertThat(Arrays.stream(CalendarError.values()).map(Problems::of).map(ProblemType::code).distinct())
                .hasSize(CalendarError.values().length);
    }

    @Test
    void refused_slots_are_also_errors_of_the_field_they_come_from() {
        assertThat(Problems.of(CalendarError.START_IN_PAST).field()).isEqualTo("start");
        assertThat(Problems.of(CalendarError.APPOINTMENT_TOO_LONG).field()).isEqualTo("end");
        assertThat(Problems.of(CalendarError.APPOINTMENT_OVERLAP).field()).isNull();
        assertThat(Problems.of(CalendarError.APPOINTMENT_OVERLAP).status()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void a_problem_carries_its_type_urn_title_and_code() {
        ProblemDetail problem = Problems.of(Problems.RATE_LIMITED, "At most 30 commands a minute");

        assertThat(problem.getStatus()).isEqualTo(429);
        assertThat(problem.getType()).isEqualTo(URI.create("urn:scheduling:problem:rate-limited"));
        assertThat(problem.getTitle()).isEqualTo("Too many requests");
        assertThat(problem.getDetail()).isEqualTo("At most 30 commands a minute");
        assertThat(problem.getProperties()).containsEntry("code", "rate-limited");
    }

    @Test
    void what_spring_refuses_gets_a_code_of_its_status() {
        ProblemDetail notFound = ProblemDetail.forStatus(404);
        Problems.stampPlain(notFound);
        assertThat(notFound.getType()).isEqualTo(URI.create("urn:scheduling:problem:not-found"));
        assertThat(notFound.getTitle()).isEqualTo("Not Found");

        ProblemDetail badRequest = ProblemDetail.forStatus(400);
        Problems.stampPlain(badRequest);
        assertThat(badRequest.getProperties()).containsEntry("code", "malformed-request");
        assertThat(badRequest.getTitle()).isEqualTo("Malformed request");

        ProblemDetail teapot = ProblemDetail.forStatus(418);
        Problems.stampPlain(teapot);
        assertThat(teapot.getProperties()).containsEntry("code", "http-418");
    }
}
