package dev.scheduling.app.web;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RequestFieldsTest {

    private final RequestFields fields = new RequestFields();

    @Test
    void valid_fields_read_as_values_and_validate() {
        UUID id = UUID.randomUUID();

        assertThat(fields.userId("alice")).isEqualTo(new UserId("alice"));
        assertThat(fields.appointmentId(id.toString())).isEqualTo(new AppointmentId(id));
        assertThat(fields.instant("start", "2026-12-01T15:00:00+01:00")).isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
        assertThat(fields.timeZone("timeZone", "Europe/Amsterdam")).isEqualTo(ZoneId.of("Europe/Amsterdam"));
        assertThat(fields.timeZone("timeZone", null)).isEqualTo(ZoneId.of("UTC"));
        assertThat(fields.text("title", "Check-up\twith\nnotes")).isEqualTo("Check-up\twith\nnotes");
        assertThat(fields.header("Idempotency-Key", "key-1", 255, true)).isEqualTo("key-1");
        assertThat(fields.header("Idempotency-Key", null, 255, true)).isNull();
        fields.validate();
    }

    @Test
    void every_mistake_is_reported_in_one_answer() {
        fields.userId("../alice");
        fields.appointmentId("42");
        fields.instant("start", null);
        fields.instant("end", "2026-12-01T15:00:00");
        fields.timeZone("timeZone", "Mars/Olympus");
        fields.text("title", "x".repeat(201));
        fields.text("location", "bell\u0007");
        fields.header("Idempotency-Key", "with space", 255, true);

        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, fields::validate);

        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("userId", "appointmentId", "start",
                "end", "timeZone", "title", "location", "Idempotency-Key");
        assertThat(refused.errors()).extracting(FieldError::message).containsExactly(UserId.RULE, "must be a UUID",
                "is required",
                "must be an ISO-8601 date-time with an offset, e.g. 2026-12-01T14:00:00Z or 2026-12-01T15:00:00+01:00",
                "must be an IANA time zone id, e.g. Europe/Amsterdam or UTC", "must be at most 200 characters",
                "must not contain control characters", "must be 1-255 visible ASCII characters");
    }

    @Test
    void instants_must_lie_in_the_years_1970_to_9999() {
        fields.instant("start", "1969-12-31T23:59:59Z");
        fields.instant("end", "+10000-01-01T00:00:00Z");

        assertThat(catchThrowableOfType(InvalidRequestException.class, fields::validate).errors())
                .extracting(FieldError::message).containsOnly("must lie in the years 1970 to 9999 (UTC)");
    }

    @Test
    void the_years_are_checked_in_utc_where_the_instant_is_stored() {
        fields.instant("start", "9999-12-31T23:00:00-05:00");
        fields.instant("end", "1970-01-01T00:30:00+01:00");
        assertThat(catchThrowableOfType(InvalidRequestException.class, fields::validate).errors())
                .extracting(FieldError::field).containsExactly("start", "end");

        RequestFields accepted = new RequestFields();
        assertThat(accepted.instant("start", "9999-12-31T23:00:00+05:00")).isEqualTo(Instant.parse("9999-12-31T18:00:00Z"));
        assertThat(accepted.instant("end", "1970-01-01T00:30:00-01:00")).isEqualTo(Instant.parse("1970-01-01T01:30:00Z"));
        accepted.validate();
    }

    @Test
    void a_time_range_ends_after_it_starts_and_either_end_may_be_left_open() {
        RequestFields.TimeRange open = fields.timeRange(null, "2026-12-02T00:00:00Z", false);
        assertThat(open.from()).isNull();
        fields.validate();

        fields.timeRange("2026-12-02T00:00:00Z", "2026-12-02T00:00:00Z", false);
        assertThat(catchThrowableOfType(InvalidRequestException.class, fields::validate).errors())
                .containsExactly(new FieldError("to", "must be after from"));
    }

    @Test
    void a_required_range_needs_both_ends() {
        fields.timeRange(null, null, true);

        assertThat(catchThrowableOfType(InvalidRequestException.class, fields::validate).errors())
                .containsExactly(new FieldError("from", "is required"), new FieldError("to", "is required"));
    }

    @Test
    void a_caller_adds_errors_it_found_itself() {
        Integer none = fields.reject("pageSize", "must be a whole number from 1 to 200");
        fields.reject(List.of(new FieldError("X-Request-Id", "malformed")));

        assertThat(none).isNull();
        assertThatThrownBy(fields::validate).isInstanceOf(InvalidRequestException.class)
                                            .extracting(e -> ((InvalidRequestException) e).errors()).asList()
                                            .hasSize(2);
    }
}
