package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.TimeSlot;
import org.axonframework.serialization.Revision;

import java.util.List;

/** The visit moved from {@code previousSlot} to {@code newSlot} on every calendar. */
@Revision("1")
public record VisitRescheduled(AppointmentId appointmentId, TimeSlot previousSlot, TimeSlot newSlot)
        implements VisitEvent {

    @Override
    public List<String> personalDataOf() {
        return List.of();
    }
}
