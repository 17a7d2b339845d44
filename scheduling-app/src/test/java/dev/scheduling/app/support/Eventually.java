package dev.scheduling.app.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for something the service does in the background (a projection catching up), bounded. */
public final class Eventually {

    private Eventually() {
    }

    public static void await(String what, Duration limit, BooleanSupplier done) {
        await(what, limit, Duration.ofMillis(50), done);
    }

    /** As {@link #await(String, Duration, BooleanSupplier)}, asking every {@code interval}: for costly checks. */
    public static void await(String what, Duration limit, Duration interval, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(limit);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + limit + ": " + what);
            }
            pause(interval);
        }
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
