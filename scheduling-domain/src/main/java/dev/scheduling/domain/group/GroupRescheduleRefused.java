package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A calendar refused the new slot: the appointment stays where it was, and the move's holds on {@code held} are released. */
@Revision("1")
public record GroupRescheduleRefused(AppointmentId appointmentId, AppointmentId moveId, List<Refusal> refusals,
                                     List<UserId> held) {
}
