package dev.scheduling.projections.calendars;

import dev.scheduling.domain.calendar.AvailabilityRules;

/** A calendar's rules as the read model holds them; {@code rules} null when it has none (open at all times). */
public record AvailabilityView(String calendarId, AvailabilityRules rules) {

    public boolean published() {
        return rules != null && rules.published();
    }
}
