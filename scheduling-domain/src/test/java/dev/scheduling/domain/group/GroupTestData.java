package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.ParticipantRole;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** A visit of Dr Lee, room 4 and alice, asked for in that order (held alice, dr-lee, room-4: by id). */
final class GroupTestData {

    static final UserId ALICE = new UserId("alice");
    static final UserId DR_LEE = new UserId("dr-lee");
    static final UserId ROOM_4 = new UserId("room-4");
    static final Participant PATIENT = new Participant(ALICE, ParticipantRole.PATIENT);
    static final Participant PRACTITIONER = new Participant(DR_LEE, ParticipantRole.PRACTITIONER);
    static final Participant ROOM = new Participant(ROOM_4, ParticipantRole.LOCATION);
    static final List<Participant> AS_ASKED = List.of(PRACTITIONER, ROOM, PATIENT);
    static final List<Participant> IN_ORDER = List.of(PATIENT, PRACTITIONER, ROOM);
    static final AppointmentId VISIT = new AppointmentId(UUID.fromString("0b5e6a1c-0000-4000-8000-000000000026"));
    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final Instant HOLDS_EXPIRE = NOW.plus(Duration.ofSeconds(30));
    static final TimeSlot SLOT = new TimeSlot(Instant.parse("2026-12-02T13:00:00Z"), Instant.parse("2026-12-02T13:30:00Z"));
    static final AppointmentDetails DETAILS = new AppointmentDetails("Check-up", null, ZoneId.of("Europe/Amsterdam"));
    /** The details as the appointment records them: personal data of the persons taking part (not the room). */
    static final AppointmentDetails VISIT_DETAILS = DETAILS.ofUsers(List.of("alice", "dr-lee"));

    private GroupTestData() {
    }

    static BookGroupAppointment book(List<Participant> participants) {
        return new BookGroupAppointment(VISIT, participants, SLOT, DETAILS, NOW, HOLDS_EXPIRE, false);
    }

    static GroupBookingRequested requested() {
        return new GroupBookingRequested(VISIT, IN_ORDER, SLOT, VISIT_DETAILS, HOLDS_EXPIRE, false);
    }

    /** A booking form's hold of the visit's slot for 5 minutes. */
    static final Instant HOLD_EXPIRES = NOW.plus(Duration.ofMinutes(5));

    static GroupHoldRequested holdRequested() {
        return new GroupHoldRequested(VISIT, IN_ORDER, SLOT, HOLD_EXPIRES, false);
    }

    /** A move of the booked visit an hour later, decided within 30 s. */
    static final AppointmentId MOVE = new AppointmentId(UUID.fromString("0b5e6a1c-0000-4000-8000-00000000000f"));
    static final TimeSlot LATER = new TimeSlot(SLOT.start().plus(Duration.ofMinutes(15)), SLOT.end().plus(Duration.ofMinutes(15)));

    static Object[] bookedVisit() {
        return new Object[]{requested(), held(ALICE), held(DR_LEE), held(ROOM_4), new GroupAppointmentBooked(VISIT, IN_ORDER, SLOT)};
    }

    static GroupRescheduleRequested moveRequested() {
        return new GroupRescheduleRequested(VISIT, MOVE, IN_ORDER, SLOT, LATER, HOLDS_EXPIRE, false);
    }

    /** {@code first}, then {@code later}. */
    static Object[] then(Object[] first, Object... later) {
        Object[] all = java.util.Arrays.copyOf(first, first.length + later.length);
        System.arraycopy(later, 0, all, first.length, later.length);
        return all;
    }

    static ParticipantHeld held(UserId calendar) {
        return new ParticipantHeld(VISIT, calendar);
    }
}
