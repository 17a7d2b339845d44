package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Every calendar holds the slot for the booking form until {@code expiresAt}; nothing is booked yet. */
@Revision("1")
public record GroupHoldPlaced(AppointmentId appointmentId, Instant expiresAt) {
}
