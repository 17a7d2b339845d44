package dev.scheduling.app.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Waits for something the service does in the background (a projection catching up), bounded. A condition that
 * throws (a listing still empty, an answer that is not JSON yet) is asked again, as one that answers false is; at the
 * deadline the wait fails, with the last exception as its cause.
 */
public final class Eventually {

    private Eventually() {
    }

    public static void await(String what, Duration limit, BooleanSupplier done) {
        await(what, limit, Duration.ofMillis(50), done);
    }

    /** As {@link #await(String, Duration, BooleanSupplier)}, asking every {@code interval}: for costly checks. */
    public static void await(String what, Duration limit, Duration interval, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(limit);
        RuntimeException last = null;
        while (true) {
            try {
                if (done.getAsBoolean()) {
                    return;
                }
                last = null;
            } catch (RuntimeException failed) {
                last = failed;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + limit + ": " + what
                        + (last == null ? "" : " (last asked: " + last + ")"), last);
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
