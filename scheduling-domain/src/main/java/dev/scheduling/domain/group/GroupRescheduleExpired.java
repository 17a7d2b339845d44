package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.serialization.Revision;

import java.util.List;

/** The move's time ran out before every calendar held the new slot: it stays where it was; the holds on {@code held} are released. */
@Revision("1")
public record GroupRescheduleExpired(AppointmentId appointmentId, AppointmentId moveId, List<UserId> held) {
}
