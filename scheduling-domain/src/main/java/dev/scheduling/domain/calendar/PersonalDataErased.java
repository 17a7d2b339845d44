package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The user's personal data was erased: every title, location and reason written before this event is unreadable
 * from now on (its key destroyed). Carries no personal data itself. Not a {@link CalendarEvent}: it concerns the
 * whole calendar, no one appointment; it lists the calendar's appointments, so that copies kept by appointment (the
 * read model) are found without a search.
 */
@Revision("1")
public record PersonalDataErased(UserId userId, List<AppointmentId> appointmentIds) {

    public PersonalDataErased {
        appointmentIds = appointmentIds == null ? List.of() : List.copyOf(appointmentIds);
    }
}
