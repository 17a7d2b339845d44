package dev.scheduling.domain.calendar;

import java.util.Map;

/**
 * A user booked themself together with a calendar that is neither theirs nor published: only the front desk and
 * admins book any calendars together. Decided from the calendar's own rules, as they stand when the visit is decided.
 */
public final class CalendarNotPublishedException extends CalendarException {

    public CalendarNotPublishedException(UserId calendar) {
        super(CalendarError.NOT_PUBLISHED, "Calendar " + calendar + " is neither yours nor published",
                Map.of("calendarId", calendar.value()));
    }
}
