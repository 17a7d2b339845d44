package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.serialization.Revision;

import java.util.List;

/** The booking form's hold was given up before it was booked: the holds on every calendar are released. */
@Revision("1")
public record GroupHoldReleased(AppointmentId appointmentId, List<UserId> held) {
}
