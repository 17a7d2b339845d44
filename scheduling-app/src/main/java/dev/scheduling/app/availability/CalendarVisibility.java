package dev.scheduling.app.availability;

import dev.scheduling.app.security.AccessRefusedException;
import dev.scheduling.app.security.Caller;
import dev.scheduling.domain.calendar.AvailabilityRules;
import dev.scheduling.domain.calendar.UserId;

import java.util.List;

/**
 * Who sees a calendar's rules, free slots and busy times: its owner and staff always; everyone else (authenticated)
 * when its rules say {@code published} (practitioners and rooms publish), as the read model holds them. Decided
 * before anything else of the request is looked at, like every other refusal: a caller who may not see a calendar
 * learns nothing of it, not even whether the request was valid.
 */
public class CalendarVisibility {

    private final AvailabilityReads reads;

    public CalendarVisibility(AvailabilityReads reads) {
        this.reads = reads;
    }

    /** Refuses ({@code 403}) unless the caller may see every one of the calendars. */
    public void require(Caller caller, List<String> calendarIds) {
        if (caller.isStaff()) {
            return;
        }
        for (String calendarId : calendarIds) {
            if (!caller.owns(calendarId)) {
                AvailabilityRules rules = reads.rules(calendarId).rules();
                if (rules == null || !rules.published()) {
                    throw new AccessRefusedException("Calendar " + calendarId + " is neither yours nor published");
                }
            }
        }
    }
}
