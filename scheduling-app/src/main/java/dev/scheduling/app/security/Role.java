package dev.scheduling.app.security;

import java.util.Arrays;
import java.util.Optional;

/** What a caller may do beyond their own calendar. A caller with none is a user: their own calendar only. */
public enum Role {
    /** books, reschedules, cancels and reads on any calendar */
    FRONT_DESK("front-desk"),
    /** reads any calendar, its history and the calendar as of an instant, and exports the audit trail */
    AUDITOR("auditor"),
    /** runs the projections and exports the audit trail */
    ADMIN("admin");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    /** As written in tokens, in Cognito's groups and in Spring's authorities ({@code ROLE_front-desk}). */
    public String claimValue() {
        return claimValue;
    }

    public String authority() {
        return "ROLE_" + claimValue;
    }

    public static Optional<Role> fromClaim(String value) {
        return Arrays.stream(values()).filter(role -> role.claimValue.equals(value)).findFirst();
    }
}
