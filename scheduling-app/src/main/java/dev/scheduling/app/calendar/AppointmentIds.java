package dev.scheduling.app.calendar;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.UserId;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Chooses appointment ids: random ones, or one derived from an idempotency key so that a retry finds its booking. */
public class AppointmentIds {

    public AppointmentId next() {
        return new AppointmentId(UUID.randomUUID());
    }

    /** The same user and key always give the same id; different users never share one through a shared key. */
    public AppointmentId forIdempotencyKey(UserId user, String key) {
        byte[] name = ("booking\n" + user + "\n" + key).getBytes(StandardCharsets.UTF_8);
        return new AppointmentId(UUID.nameUUIDFromBytes(name));
    }
}
