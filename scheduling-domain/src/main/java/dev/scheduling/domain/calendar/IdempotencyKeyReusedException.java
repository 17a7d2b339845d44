package dev.scheduling.domain.calendar;

import java.util.Map;

public final class IdempotencyKeyReusedException extends CalendarException {

    public IdempotencyKeyReusedException(AppointmentId id) {
        super(CalendarError.IDEMPOTENCY_KEY_REUSED,
                "The idempotency key was already used for a different booking (appointment " + id + ")",
                Map.of("appointmentId", id.toString()));
    }
}
