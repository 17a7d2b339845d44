package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import org.axonframework.serialization.Revision;

import java.util.List;

/** The hold is booked with {@code details}: the visit takes its place on every calendar. */
@Revision("1")
public record HeldVisitBooked(AppointmentId appointmentId, AppointmentDetails details) implements VisitEvent {

    @Override
    public List<String> personalDataOf() {
        return details.personalDataOf();
    }
}
