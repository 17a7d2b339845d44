package dev.scheduling.projections.appointments;

import dev.scheduling.domain.calendar.AppointmentBooked;
import dev.scheduling.domain.calendar.AppointmentCancelled;
import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.AppointmentRescheduled;
import dev.scheduling.domain.calendar.AvailabilityChanged;
import dev.scheduling.domain.calendar.AvailabilityRules;
import dev.scheduling.domain.calendar.HoldPlaced;
import dev.scheduling.domain.calendar.HoldReleased;
import dev.scheduling.domain.calendar.HoursRange;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.ParticipantRole;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import dev.scheduling.projections.calendars.AvailabilityView;
import dev.scheduling.projections.calendars.CalendarQueries;
import dev.scheduling.projections.calendars.CalendarTable;
import dev.scheduling.projections.calendars.FindAvailability;
import dev.scheduling.projections.calendars.FindSchedules;
import dev.scheduling.projections.calendars.Schedules;
import dev.scheduling.projections.dynamodb.LocalDynamoDb;
import dev.scheduling.projections.dynamodb.OutageRetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The read side of availability: rules projected into the calendars table and read back whole, appointments read
 * back as busy slots for a range, on the path production takes (events handled in a unit of work, DynamoDB Local).
 */
class CalendarSchedulesTest {

    private static final Instant DAY = Instant.parse("2026-12-02T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    static final AvailabilityRules RULES = new AvailabilityRules(ZoneId.of("Australia/Lord_Howe"),
            Map.of(DayOfWeek.MONDAY, List.of(new HoursRange(LocalTime.of(9, 0), LocalTime.of(12, 30)),
                            new HoursRange(LocalTime.of(22, 0), LocalTime.MIDNIGHT)),
                    DayOfWeek.TUESDAY, List.of(new HoursRange(LocalTime.MIDNIGHT, LocalTime.of(6, 0))),
                    DayOfWeek.SUNDAY, List.of()),
            Map.of(LocalDate.parse("2027-12-24"), List.of(), LocalDate.parse("2027-12-27"),
                    List.of(new HoursRange(LocalTime.of(10, 0), LocalTime.of(14, 0)))),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofHours(2), Duration.ofDays(90), true);

    private final ReversibleSeal seal = new ReversibleSeal();
    private CalendarTable calendars;
    private AppointmentsProjection projection;
    private CalendarQueries queries;
    private long sequence;
    private Instant now = Instant.now();

    @BeforeEach
    void setUp() {
        AppointmentTable appointments = new AppointmentTable(LocalDynamoDb.enhancedClient(), LocalDynamoDb.newAppointmentsTable());
        calendars = new CalendarTable(LocalDynamoDb.enhancedClient(), LocalDynamoDb.newCalendarsTable());
        projection = new AppointmentsProjection(appointments, calendars, seal, OutageRetry.NONE, 16,
                java.time.Clock.systemUTC(), new SimpleMeterRegistry());
        queries = new CalendarQueries(calendars, appointments, Duration.ofHours(24), 4, new java.time.Clock() {
            @Override
            public Instant instant() {
                return now;
            }

            @Override
            public ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(ZoneId zone) {
                return this;
            }
        });
    }

    @AfterEach
    void tearDown() {
        queries.close();
        projection.close();
    }

    @Test
    void rules_are_read_back_exactly_as_the_calendar_holds_them() {
        changed("dr-lee", RULES, 3);

        AvailabilityView view = queries.handle(new FindAvailability("dr-lee"));

        assertThat(view.rules()).isEqualTo(RULES);
        assertThat(view.published()).isTrue();
        assertThat(queries.handle(new FindAvailability("room-4")).rules()).isNull();
    }

    @Test
    void removed_rules_stay_removed_when_an_older_event_comes_again() {
        changed("dr-lee", RULES, 3);
        changed("dr-lee", null, 7);
        changed("dr-lee", RULES, 3); // redelivered

        assertThat(queries.handle(new FindAvailability("dr-lee")).rules()).isNull();
        assertThat(queries.handle(new FindAvailability("dr-lee")).published()).isFalse();
    }

    @Test
    void a_replay_starts_from_an_empty_calendars_table_too() {
        changed("dr-lee", RULES, 3);

        projection.clearBeforeReplay();

        assertThat(calendars.get("dr-lee")).isEmpty();
    }

    @Test
    void the_busy_slots_of_a_range_are_the_booked_appointments_reaching_into_it() {
        book("dr-lee", DAY.minus(HOUR), HOUR.multipliedBy(2));       // still running at the start
        book("dr-lee", DAY.minus(HOUR.multipliedBy(2)), HOUR);       // over before it
        TimeSlot nine = book("dr-lee", DAY.plus(HOUR.multipliedBy(9)), HOUR);
        TimeSlot cancelled = book("dr-lee", DAY.plus(HOUR.multipliedBy(11)), HOUR);
        cancel("dr-lee", cancelled);
        TimeSlot moved = book("dr-lee", DAY.plus(HOUR.multipliedBy(13)), HOUR);
        TimeSlot to = new TimeSlot(DAY.plus(HOUR.multipliedBy(14)), DAY.plus(HOUR.multipliedBy(15)));
        reschedule("dr-lee", moved, to);
        book("dr-lee", DAY.plus(Duration.ofDays(1)), HOUR);           // starts as the range ends
        book("room-4", DAY.plus(HOUR.multipliedBy(9)), HOUR);
        changed("dr-lee", RULES, 99);

        Schedules schedules = queries.handle(new FindSchedules(List.of("dr-lee", "room-4", "nobody"), DAY,
                DAY.plus(Duration.ofDays(1))));

        assertThat(schedules.calendars()).extracting(Schedules.Schedule::calendarId)
                                         .containsExactly("dr-lee", "room-4", "nobody");
        Schedules.Schedule drLee = schedules.calendars().get(0);
        assertThat(drLee.rules()).isEqualTo(RULES);
        assertThat(drLee.busy()).containsExactly(new TimeSlot(DAY.minus(HOUR), DAY.plus(HOUR)), nine, to);
        assertThat(schedules.calendars().get(1).rules()).isNull();
        assertThat(schedules.calendars().get(1).busy()).hasSize(1);
        assertThat(schedules.calendars().get(2).busy()).isEmpty();
    }

    @Test
    void a_booking_forms_live_holds_are_busy_until_they_are_booked_released_or_lapse() {
        TimeSlot nine = slot(9);
        TimeSlot ten = slot(10);
        TimeSlot eleven = slot(11);
        TimeSlot twelve = slot(12);
        AppointmentId confirmed = hold("room-4", nine, now.plus(Duration.ofMinutes(5)));
        AppointmentId released = hold("room-4", ten, now.plus(Duration.ofMinutes(5)));
        hold("room-4", eleven, now.plus(Duration.ofMinutes(5)));
        hold("room-4", twelve, now.plus(Duration.ofSeconds(30)));
        changed("room-4", null, sequence++); // rules set or removed keep the holds
        handled(() -> projection.on(new HoldReleased(new UserId("room-4"), confirmed, nine, HoldReleased.BOOKED, true),
                sequence++, now, ReplayStatus.REGULAR));
        handled(() -> projection.on(new AppointmentBooked(new UserId("room-4"), confirmed, nine,
                AppointmentDetails.untitled(), List.of(), List.of(new Participant(new UserId("room-4"), ParticipantRole.LOCATION),
                new Participant(new UserId("dr-lee"), ParticipantRole.PRACTITIONER))), sequence++, now, ReplayStatus.REGULAR));
        long releasedAt = sequence++;
        handled(() -> projection.on(new HoldReleased(new UserId("room-4"), released, ten, "another participant refused", true),
                releasedAt, now, ReplayStatus.REGULAR));
        handled(() -> projection.on(new HoldPlaced(new UserId("room-4"), released, ten, now.plus(HOUR), List.of(), true),
                releasedAt - 1, now, ReplayStatus.REGULAR)); // an older event again
        handled(() -> projection.on(new HoldPlaced(new UserId("room-4"), new AppointmentId(UUID.randomUUID()), slot(14),
                now.plus(HOUR), List.of(), false), sequence++, now, ReplayStatus.REGULAR)); // a booking's, decided at once

        assertThat(busy("room-4")).containsExactly(nine, eleven, twelve);

        now = now.plus(Duration.ofSeconds(30));
        assertThat(busy("room-4")).as("a hold lapsed by itself, never released").containsExactly(nine, eleven);
        assertThat(calendars.get("room-4").orElseThrow().getHolds()).hasSize(2).noneMatch(held -> held.startsWith(confirmed + " "));
        assertThat(busy("dr-lee")).isEmpty();
    }

    private TimeSlot slot(int hour) {
        Instant start = DAY.plus(HOUR.multipliedBy(hour));
        return new TimeSlot(start, start.plus(HOUR));
    }

    private AppointmentId hold(String calendar, TimeSlot slot, Instant expiresAt) {
        AppointmentId id = new AppointmentId(UUID.randomUUID());
        handled(() -> projection.on(new HoldPlaced(new UserId(calendar), id, slot, expiresAt, List.of(), true), sequence++,
                now, ReplayStatus.REGULAR));
        return id;
    }

    private List<TimeSlot> busy(String calendar) {
        return queries.handle(new FindSchedules(List.of(calendar), DAY, DAY.plus(Duration.ofDays(1)))).calendars().get(0)
                      .busy();
    }

    @Test
    void a_range_holding_too_many_appointments_is_refused() {
        AppointmentTable appointments = new AppointmentTable(LocalDynamoDb.enhancedClient(), LocalDynamoDb.newAppointmentsTable());
        AppointmentsProjection crowded = new AppointmentsProjection(appointments, calendars, seal, OutageRetry.NONE, 16,
                java.time.Clock.systemUTC(), new SimpleMeterRegistry());
        for (int i = 0; i < 6; i++) {
            Instant start = DAY.plus(HOUR.multipliedBy(i));
            handled(() -> crowded.on(new AppointmentBooked(new UserId("busy"), new AppointmentId(UUID.randomUUID()),
                    new TimeSlot(start, start.plus(HOUR)), AppointmentDetails.untitled()), sequence++, Instant.now(),
                    ReplayStatus.REGULAR));
        }

        assertThat(appointments.bookedSlots("busy", DAY, DAY.plus(Duration.ofDays(1)), HOUR, 6)).hasSize(6);
        assertThatThrownBy(() -> appointments.bookedSlots("busy", DAY, DAY.plus(Duration.ofDays(1)), HOUR, 5))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("more than 5 appointments");
        crowded.close();
    }

    private void changed(String calendar, AvailabilityRules rules, long version) {
        handled(() -> projection.on(new AvailabilityChanged(new UserId(calendar), rules), version, Instant.now(),
                ReplayStatus.REGULAR));
    }

    private TimeSlot book(String user, Instant start, Duration length) {
        TimeSlot slot = new TimeSlot(start, start.plus(length));
        ids.put(slot, new AppointmentId(UUID.randomUUID()));
        handled(() -> projection.on(new AppointmentBooked(new UserId(user), ids.get(slot), slot,
                AppointmentDetails.untitled()), sequence++, Instant.now(), ReplayStatus.REGULAR));
        return slot;
    }

    private void cancel(String user, TimeSlot slot) {
        handled(() -> projection.on(new AppointmentCancelled(new UserId(user), ids.get(slot), slot, null), sequence++,
                Instant.now(), ReplayStatus.REGULAR));
    }

    private void reschedule(String user, TimeSlot from, TimeSlot to) {
        handled(() -> projection.on(new AppointmentRescheduled(new UserId(user), ids.get(from), from, to,
                AppointmentDetails.untitled()), sequence++, Instant.now(), ReplayStatus.REGULAR));
    }

    private final Map<TimeSlot, AppointmentId> ids = new java.util.HashMap<>();

    /** Handles events as the projection's processor does: in a unit of work of their own, written at its commit. */
    private static void handled(Runnable handling) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        handling.run();
        batch.commit();
    }
}
