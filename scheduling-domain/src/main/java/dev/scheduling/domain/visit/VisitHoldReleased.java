package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.AppointmentId;
import org.axonframework.serialization.Revision;

import java.util.List;

/** The booking form's hold was given up before it was booked: its slot is free on every calendar. */
@Revision("1")
public record VisitHoldReleased(AppointmentId appointmentId) implements VisitEvent {

    @Override
    public List<String> personalDataOf() {
        return List.of();
    }
}
