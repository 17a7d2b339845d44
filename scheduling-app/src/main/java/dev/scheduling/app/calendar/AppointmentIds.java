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

    /**
     * The id of an appointment of several calendars asked for by {@code caller} under {@code key}: never one of a
     * single calendar's booking, never another caller's.
     */
    /** The id of a booking form's hold asked for by {@code caller} under Idempotency-Key {@code key}. */
    public AppointmentId forHoldIdempotencyKey(String caller, String key) {
        byte[] name = ("hold\n" + caller + "\n" + key).getBytes(StandardCharsets.UTF_8);
        return new AppointmentId(UUID.nameUUIDFromBytes(name));
    }

    public AppointmentId forGroupIdempotencyKey(String caller, String key) {
        byte[] name = ("group booking\n" + caller + "\n" + key).getBytes(StandardCharsets.UTF_8);
        return new AppointmentId(UUID.nameUUIDFromBytes(name));
    }
}
