package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Keeps {@code slot} busy on the calendar until {@code expiresAt}, for the appointment {@code appointmentId} that
 * will confirm it ({@link ConfirmHold}). Checked like a booking: the slot's length and start, the calendar's
 * availability rules (unless overridden), its capacity, and no overlap with its appointments, live holds and buffers.
 * Placing the same hold again (same id, slot and expiry) changes nothing.
 *
 * @param moving an appointment of the calendar this hold is to move ({@link MoveToHold}), whose own slot is not in
 *               the hold's way (it may overlap the one it leaves) and which counts once toward the capacity; else null
 * @param lasting a booking form's hold (see {@link Hold#lasting()})
 */
public record PlaceHold(@TargetAggregateIdentifier UserId userId, AppointmentId appointmentId, TimeSlot slot,
                        Instant expiresAt, Instant requestedAt, boolean overrideAvailability, AppointmentId moving,
                        boolean lasting) {

    public PlaceHold(UserId userId, AppointmentId appointmentId, TimeSlot slot, Instant expiresAt, Instant requestedAt,
                     boolean overrideAvailability) {
        this(userId, appointmentId, slot, expiresAt, requestedAt, overrideAvailability, null, false);
    }
}
