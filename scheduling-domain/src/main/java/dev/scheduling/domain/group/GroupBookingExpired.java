package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.serialization.Revision;

import java.util.List;

/** The holds' time ran out before every calendar held the slot: the holds on {@code held} are released. */
@Revision("1")
public record GroupBookingExpired(AppointmentId appointmentId, List<UserId> held) {
}
