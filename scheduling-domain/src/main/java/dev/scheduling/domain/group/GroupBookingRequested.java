package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.TimeSlot;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * An appointment of several calendars was asked for; {@code participants} in the order their calendars are held
 * (by id). Its details are personal data of every person taking part.
 */
@Revision("1")
public record GroupBookingRequested(AppointmentId appointmentId, List<Participant> participants, TimeSlot slot,
                                    AppointmentDetails details, Instant holdsExpireAt, boolean overrideAvailability)
        implements PersonalDataOfParticipants {
}
