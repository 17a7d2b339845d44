package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A calendar refused: the holds on {@code held} are released and nothing of the appointment stays. */
@Revision("1")
public record GroupBookingRefused(AppointmentId appointmentId, List<Refusal> refusals, List<UserId> held) {
}
