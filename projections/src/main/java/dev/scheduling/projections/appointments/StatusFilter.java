package dev.scheduling.projections.appointments;

import java.util.Locale;
import java.util.Optional;

/** Which appointments a listing shows. */
public enum StatusFilter {
    BOOKED,
    CANCELLED,
    ALL;

    public static Optional<StatusFilter> parse(String text) {
        if (text == null) {
            return Optional.of(BOOKED);
        }
        try {
            return Optional.of(valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
