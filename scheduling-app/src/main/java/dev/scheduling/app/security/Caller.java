package dev.scheduling.app.security;

import java.util.Set;

/**
 * The authenticated caller of a request, as its token says.
 *
 * @param subject  the token's subject: the owner of the calendar of that user id, and the actor of the events caused
 * @param clientId the OAuth2 client that obtained the token, when the token names one
 * @param roles    the caller's roles; none for a user acting on their own calendar
 */
public record Caller(String subject, String clientId, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isStaff() {
        return !roles.isEmpty();
    }

    /** The calendar of {@code userId} is the caller's own. */
    public boolean owns(String userId) {
        return subject.equals(userId);
    }

    /** Whether the caller may book any calendars together (an appointment of several): front desk and admin. */
    public boolean mayBookAnyCalendar() {
        return roles.contains(Role.FRONT_DESK) || roles.contains(Role.ADMIN);
    }

    /**
     * Whether a booking overrides the calendars' hours, notice and horizon: as {@code asked}, which only the front desk
     * and admins may ({@link AccessRefusedException}, 403, for anyone else).
     */
    public boolean overridesAvailability(Boolean asked) {
        if (Boolean.TRUE.equals(asked) && !mayOverrideAvailability()) {
            throw new AccessRefusedException("Only the front desk and admins may override a calendar's availability");
        }
        return Boolean.TRUE.equals(asked);
    }

    /** Whether the caller may book or move outside a calendar's hours, notice and horizon: front desk and admin. */
    public boolean mayOverrideAvailability() {
        return roles.contains(Role.FRONT_DESK) || roles.contains(Role.ADMIN);
    }
}
