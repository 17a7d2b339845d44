package dev.scheduling.domain.calendar;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * @param overriddenRules the codes of the availability rules the booking was allowed to break
 *                        ({@code outside-availability}, {@code notice-too-short}, {@code beyond-booking-horizon});
 *                        empty for nearly every booking
 */
@Revision("1")
public record AppointmentBooked(UserId userId, AppointmentId appointmentId, TimeSlot slot,
                                AppointmentDetails details, List<String> overriddenRules) implements CalendarEvent {

    public AppointmentBooked {
        overriddenRules = overriddenRules == null ? List.of() : List.copyOf(overriddenRules);
    }

    public AppointmentBooked(UserId userId, AppointmentId appointmentId, TimeSlot slot, AppointmentDetails details) {
        this(userId, appointmentId, slot, details, List.of());
    }
}
