package dev.scheduling.projections.calendars;

import dev.scheduling.domain.calendar.AvailabilityRules;
import dev.scheduling.domain.calendar.TimeSlot;

import java.util.List;

/** The answer to {@link FindSchedules}: one {@link Schedule} per calendar, in the order asked. */
public record Schedules(List<Schedule> calendars) {

    /** One calendar: its rules (null: none) and the slots of its booked appointments in the range, by start. */
    public record Schedule(String calendarId, AvailabilityRules rules, List<TimeSlot> busy) {
    }
}
