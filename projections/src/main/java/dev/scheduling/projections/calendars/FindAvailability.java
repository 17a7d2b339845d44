package dev.scheduling.projections.calendars;

/** The availability rules of one calendar, as the read model holds them; answered with an {@link AvailabilityView}. */
public record FindAvailability(String calendarId) {
}
