package dev.scheduling.reminders;

import dev.scheduling.domain.calendar.AppointmentBooked;
import dev.scheduling.domain.calendar.AppointmentCancelled;
import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.AppointmentRescheduled;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.ParticipantRole;
import dev.scheduling.domain.calendar.PersonalDataErased;
import dev.scheduling.domain.calendar.RecordReminderSent;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AppointmentReminderSagaTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final UserId ALICE = new UserId("alice");
    private static final AppointmentDetails DETAILS =
            new AppointmentDetails("Check-up", "Room 4", ZoneId.of("Europe/Amsterdam"));
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration HOUR = Duration.ofHours(1);

    private final AppointmentId id = new AppointmentId(UUID.fromString("5d0c8a8e-0000-4000-8000-000000000001"));
    private final RecordingReminderPublisher publisher = new RecordingReminderPublisher();
    private SagaTestFixture<AppointmentReminderSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(AppointmentReminderSaga.class);
        fixture.registerResource(publisher);
        fixture.registerResource(new ReminderSettings(List.of(DAY, HOUR), Duration.ofSeconds(30), Duration.ofMinutes(15)));
        fixture.registerCommandGateway(CommandGateway.class);
        fixture.givenCurrentTime(NOW);
    }

    @Test
    void a_booking_days_ahead_schedules_both_reminders_at_their_times() {
        TimeSlot slot = slotAt(NOW.plus(Duration.ofDays(3)));

        fixture.givenNoPriorActivity()
               .whenPublishingA(booked(slot))
               .expectActiveSagas(1)
               .expectScheduledDeadline(slot.start().minus(DAY), due(slot, DAY))
               .expectScheduledDeadline(slot.start().minus(HOUR), due(slot, HOUR));
    }

    @Test
    void an_appointment_on_several_calendars_reminds_each_person_on_their_own_calendar_and_no_room() {
        TimeSlot slot = slotAt(NOW.plus(Duration.ofDays(3)));
        UserId drLee = new UserId("dr-lee");
        UserId room = new UserId("room-4");
        List<Participant> visit = List.of(new Participant(ALICE, ParticipantRole.PATIENT),
                new Participant(drLee, ParticipantRole.PRACTITIONER), new Participant(room, ParticipantRole.LOCATION));

        fixture.givenAPublished(new AppointmentBooked(ALICE, id, slot, DETAILS, List.of(), visit))
               .andThenAPublished(new AppointmentBooked(room, id, slot, DETAILS, List.of(), visit))
               .whenPublishingA(new AppointmentBooked(drLee, id, slot, DETAILS, List.of(), visit))
               .expectActiveSagas(2)
               .expectAssociationWith("calendarAppointment", "alice/" + id)
               .expectAssociationWith("calendarAppointment", "dr-lee/" + id)
               .expectNoAssociationWith("calendarAppointment", "room-4/" + id);
        // the practitioner's cancellation ends the practitioner's reminders only
        fixture.givenAPublished(new AppointmentBooked(ALICE, id, slot, DETAILS, List.of(), visit))
               .andThenAPublished(new AppointmentBooked(drLee, id, slot, DETAILS, List.of(), visit))
               .whenPublishingA(new AppointmentCancelled(drLee, id, slot, "ill"))
               .expectActiveSagas(1)
               .expectAssociationWith("calendarAppointment", "alice/" + id);
    }

    @Test
    void a_booking_five_hours_ahead_schedules_only_the_one_hour_reminder() {
        TimeSlot slot = slotAt(NOW.plus(Duration.ofHours(5)));

        fixture.givenNoPriorActivity()
               .whenPublishingA(booked(slot))
               .expectActiveSagas(1)
               .expectScheduledDeadline(slot.start().minus(HOUR), due(slot, HOUR))
               .expectNoScheduledDeadlineWithName(slot.start().minus(DAY), AppointmentReminderSaga.REMINDER_DUE);
    }

    @Test
    void a_booking_thirty_minutes_ahead_schedules_nothing_and_ends() {
        fixture.givenNoPriorActivity()
               .whenPublishingA(booked(slotAt(NOW.plus(Duration.ofMinutes(30)))))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }

    @Test
    void a_cancellation_removes_the_reminders_and_ends() {
        TimeSlot slot = slotAt(NOW.plus(Duration.ofDays(3)));

        fixture.givenAPublished(booked(slot))
               .whenPublishingA(new AppointmentCancelled(ALICE, id, slot, "ill"))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }

    @Test
    void an_erasure_of_the_users_personal_data_removes_the_reminders_and_ends() {
        TimeSlot slot = slotAt(NOW.plus(Duration.ofDays(3)));

        fixture.givenAPublished(booked(slot))
               .whenPublishingA(new PersonalDataErased(ALICE, List.of(id)))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void a_reschedule_moves_the_reminders_to_the_new_start() {
        TimeSlot before = slotAt(NOW.plus(Duration.ofDays(3)));
        TimeSlot after = slotAt(NOW.plus(Duration.ofDays(5)));

        fixture.givenAPublished(booked(before))
               .whenPublishingA(new AppointmentRescheduled(ALICE, id, before, after, DETAILS))
               .expectActiveSagas(1)
               .expectScheduledDeadline(after.start().minus(DAY), due(after, DAY))
               .expectScheduledDeadline(after.start().minus(HOUR), due(after, HOUR))
               .expectNoScheduledDeadlineWithName(before.start().minus(DAY), AppointmentReminderSaga.REMINDER_DUE);
    }

    @Test
    void a_reschedule_after_the_reminders_went_out_schedules_new_ones() throws Exception {
        TimeSlot soon = slotAt(NOW.plus(Duration.ofHours(5)));
        TimeSlot later = slotAt(NOW.plus(Duration.ofDays(4)));

        fixture.givenAPublished(booked(soon))
               .andThenTimeElapses(Duration.ofHours(4).plusMinutes(1)) // the one-hour reminder went out, the saga ended
               .whenPublishingA(new AppointmentRescheduled(ALICE, id, soon, later, DETAILS))
               .expectActiveSagas(1)
               .expectScheduledDeadline(later.start().minus(DAY), due(later, DAY))
               .expectScheduledDeadline(later.start().minus(HOUR), due(later, HOUR));
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void a_due_reminder_is_published_and_recorded_on_the_calendar() {
        TimeSlot slot = slotAt(NOW.plus(Duration.ofDays(3)));

        fixture.givenAPublished(booked(slot))
               .whenTimeAdvancesTo(slot.start().minus(DAY))
               .expectDeadlinesMet(due(slot, DAY))
               .expectDispatchedCommands(new RecordReminderSent(ALICE, id, reminderId(slot, DAY), DAY,
                       slot.start().minus(DAY), slot.start().minus(DAY)))
               .expectActiveSagas(1);
        assertThat(publisher.published).singleElement().satisfies(reminder -> {
            assertThat(reminder.reminderId()).isEqualTo(reminderId(slot, DAY));
            assertThat(reminder.userId()).isEqualTo("alice");
            assertThat(reminder.appointmentId()).isEqualTo(id.toString());
            assertThat(reminder.start()).isEqualTo(slot.start());
            assertThat(reminder.title()).isEqualTo("Check-up");
            assertThat(reminder.timeZone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
        });
    }

    @Test
    void the_saga_ends_when_its_last_reminder_went_out() {
        TimeSlot slot = slotAt(NOW.plus(Duration.ofDays(3)));

        fixture.givenAPublished(booked(slot))
               .whenTimeAdvancesTo(slot.start().minus(HOUR))
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines();
        assertThat(publisher.published).extracting(Reminder::offset).containsExactly(DAY, HOUR);
    }

    @Test
    void a_reminder_of_a_cancelled_appointment_is_never_sent() {
        TimeSlot slot = slotAt(NOW.plus(Duration.ofDays(3)));

        fixture.givenAPublished(booked(slot))
               .andThenAPublished(new AppointmentCancelled(ALICE, id, slot, null))
               .whenTimeAdvancesTo(slot.start())
               .expectNoDispatchedCommands()
               .expectDeadlinesMet();
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void configured_offsets_replace_the_defaults() {
        fixture.registerResource(new ReminderSettings(List.of(Duration.ofDays(7), Duration.ofMinutes(15)),
                Duration.ofSeconds(30), Duration.ofMinutes(15)));
        TimeSlot slot = slotAt(NOW.plus(Duration.ofDays(10)));

        fixture.givenNoPriorActivity()
               .whenPublishingA(booked(slot))
               .expectScheduledDeadline(slot.start().minus(Duration.ofDays(7)), due(slot, Duration.ofDays(7)))
               .expectScheduledDeadline(slot.start().minus(Duration.ofMinutes(15)), due(slot, Duration.ofMinutes(15)))
               .expectNoScheduledDeadlineWithName(slot.start().minus(DAY), AppointmentReminderSaga.REMINDER_DUE);
    }

    @Test
    void a_failed_publish_is_retried_after_a_delay_and_recorded_once_it_succeeds() throws Exception {
        TimeSlot slot = slotAt(NOW.plus(Duration.ofDays(3)));
        Instant dueAt = slot.start().minus(DAY);
        publisher.failNext(2);

        fixture.givenAPublished(booked(slot))
               .andThenTimeElapses(Duration.between(NOW, dueAt)) // attempt 1 fails, retry in 30 s
               .andThenTimeElapses(Duration.ofSeconds(30)) // attempt 2 fails, retry in 60 s
               .whenTimeElapses(Duration.ofSeconds(60))
               .expectDispatchedCommands(new RecordReminderSent(ALICE, id, reminderId(slot, DAY), DAY, dueAt,
                       dueAt.plusSeconds(90)));
        assertThat(publisher.published).singleElement()
                                       .satisfies(r -> assertThat(r.reminderId()).isEqualTo(reminderId(slot, DAY)));
    }

    @Test
    void a_failed_publish_is_not_recorded_and_stays_pending() {
        TimeSlot slot = slotAt(NOW.plus(Duration.ofDays(3)));
        publisher.failNext(1);

        fixture.givenAPublished(booked(slot))
               .whenTimeAdvancesTo(slot.start().minus(DAY))
               .expectNoDispatchedCommands()
               .expectScheduledDeadline(Duration.ofSeconds(30), new ReminderDue(reminderId(slot, DAY), DAY,
                       slot.start().minus(DAY), 1));
    }

    @Test
    void a_reminder_that_cannot_go_out_before_the_appointment_starts_is_given_up() {
        TimeSlot slot = slotAt(NOW.plus(Duration.ofMinutes(61)));
        publisher.failNext(100);

        fixture.givenAPublished(booked(slot))
               .whenTimeAdvancesTo(slot.start())
               .expectNoDispatchedCommands()
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }

    /**
     * A consumer drops duplicates by reminder id: the patient's and the practitioner's reminders of one visit have ids
     * of their own (written down here, not taken from the code under test), so dropping one person's never drops the
     * other's.
     */
    @Test
    void each_person_of_a_visit_is_reminded_under_reminder_ids_of_their_own() {
        TimeSlot slot = slotAt(NOW.plus(Duration.ofDays(3)));
        UserId drLee = new UserId("dr-lee");
        List<Participant> visit = List.of(new Participant(ALICE, ParticipantRole.PATIENT),
                new Participant(drLee, ParticipantRole.PRACTITIONER));

        fixture.givenAPublished(new AppointmentBooked(ALICE, id, slot, DETAILS, List.of(), visit))
               .whenPublishingA(new AppointmentBooked(drLee, id, slot, DETAILS, List.of(), visit))
               .expectActiveSagas(2)
               .expectScheduledDeadline(slot.start().minus(DAY), new ReminderDue("64201054-77ca-3081-9725-fa50f094907d",
                       DAY, slot.start().minus(DAY), 0))
               .expectScheduledDeadline(slot.start().minus(HOUR), new ReminderDue("5a0ad576-358c-3557-a373-ac2fdb159003",
                       HOUR, slot.start().minus(HOUR), 0))
               .expectScheduledDeadline(slot.start().minus(DAY), new ReminderDue("bda1dc3d-6026-3e91-b5d6-94627e4b0917",
                       DAY, slot.start().minus(DAY), 0))
               .expectScheduledDeadline(slot.start().minus(HOUR), new ReminderDue("bd7cc43b-23af-3943-89ea-0c2a0f6c73e5",
                       HOUR, slot.start().minus(HOUR), 0));
    }

    @Test
    void a_visits_move_reminds_no_room_and_each_person_under_new_ids_of_their_own() {
        TimeSlot slot = slotAt(NOW.plus(Duration.ofDays(3)));
        TimeSlot later = slotAt(NOW.plus(Duration.ofDays(4)));
        UserId room = new UserId("room-4");
        List<Participant> visit = List.of(new Participant(ALICE, ParticipantRole.PATIENT),
                new Participant(room, ParticipantRole.LOCATION));

        fixture.givenAPublished(new AppointmentBooked(room, id, slot, DETAILS, List.of(), visit))
               .whenPublishingA(new AppointmentRescheduled(room, id, slot, later, DETAILS, List.of(), visit))
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines();
        fixture.givenAPublished(new AppointmentBooked(ALICE, id, slot, DETAILS, List.of(), visit))
               .whenPublishingA(new AppointmentRescheduled(ALICE, id, slot, later, DETAILS, List.of(), visit))
               .expectActiveSagas(1)
               .expectScheduledDeadlineMatching(later.start().minus(DAY), org.axonframework.test.matchers.Matchers
                       .messageWithPayload(org.hamcrest.Matchers.not(org.hamcrest.Matchers.equalTo(due(later, DAY)))));
    }

    private AppointmentBooked booked(TimeSlot slot) {
        return new AppointmentBooked(ALICE, id, slot, DETAILS);
    }

    private ReminderDue due(TimeSlot slot, Duration offset) {
        return new ReminderDue(reminderId(slot, offset), offset, slot.start().minus(offset), 0);
    }

    /**
     * The reminder ids of this test's appointment, written down once: consumers drop duplicates by them, so the id of
     * an appointment, offset and start must never change between versions (not taken from the code under test).
     */
    private static final Map<String, String> REMINDER_IDS = Map.of(
            "2026-12-04T08:00:00Z PT24H", "f9d91120-22d5-3a86-a746-a7545ee89c69",
            "2026-12-04T08:00:00Z PT1H", "3e7566eb-9dfc-3625-b0d1-10d3a5a67e47",
            "2026-12-01T13:00:00Z PT1H", "ec6743f6-a7e2-33c6-94b4-e0c22b5691ea",
            "2026-12-06T08:00:00Z PT24H", "f9203d30-6ba0-33d8-bff8-0640d8bc0cc2",
            "2026-12-06T08:00:00Z PT1H", "0709023b-8fc3-36e0-9efe-6efaf8efd5b3",
            "2026-12-05T08:00:00Z PT24H", "85788c53-9b2f-3df8-acb5-969d077797f5",
            "2026-12-05T08:00:00Z PT1H", "b95ff29b-4d98-33b3-8950-5c3af06b78c1",
            "2026-12-11T08:00:00Z PT168H", "2fef7a6b-bf7a-3ec7-a570-2028d0a6aa8b",
            "2026-12-11T08:00:00Z PT15M", "1a050670-3b6b-378b-977d-5454f89d054e");

    private String reminderId(TimeSlot slot, Duration offset) {
        String key = slot.start() + " " + offset;
        assertThat(REMINDER_IDS).as("a reminder id written down for %s", key).containsKey(key);
        return REMINDER_IDS.get(key);
    }

    private static TimeSlot slotAt(Instant start) {
        return new TimeSlot(start, start.plus(HOUR));
    }
}
