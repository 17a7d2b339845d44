package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

/**
 * The calendar's availability rules, whole, from now on; {@code rules} null: none, open at all times. Changing the
 * rules never cancels or moves an appointment. Carries no personal data.
 */
@Revision("1")
public record AvailabilityChanged(UserId userId, AvailabilityRules rules) {
}
