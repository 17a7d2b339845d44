package dev.scheduling.app.security;

/**
 * A caller asked for something their token does not allow, decided where the filter chain cannot decide it: a
 * calendar that is not the caller's and not published, or an override of a calendar's rules without a staff role.
 * Answered {@code 403 forbidden}, like every other refusal.
 */
public class AccessRefusedException extends RuntimeException {

    public AccessRefusedException(String message) {
        super(message);
    }
}
