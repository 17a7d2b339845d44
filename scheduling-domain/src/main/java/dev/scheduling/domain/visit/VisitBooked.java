package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import org.axonframework.serialization.Revision;

import java.util.List;

/** The visit is booked on every calendar of {@code participants} (in the order of their ids), at {@code slot}. */
@Revision("1")
public record VisitBooked(AppointmentId appointmentId, List<Participant> participants, TimeSlot slot,
                          AppointmentDetails details) implements VisitEvent {

    @Override
    public List<String> personalDataOf() {
        return details.personalDataOf();
    }
}
