package dev.scheduling.domain.calendar;

import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Small builders for calendar test data: slots on a fixed day, numbered appointments, one user. */
final class CalendarTestData {

    static final UserId ALICE = new UserId("alice");
    /** The time every command is sent at, unless a test says otherwise: the morning before the test day. */
    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final Instant TEST_DAY = Instant.parse("2026-12-02T00:00:00Z");
    static final AppointmentDetails DETAILS =
            new AppointmentDetails("Check-up", "Room 4", ZoneId.of("Europe/Amsterdam"));
    /** The service's defaults: appointments of at most 24 hours, 10,000 ahead on a calendar. */
    static final SlotPolicy SLOT_POLICY = new SlotPolicy(Duration.ofHours(24));
    static final CalendarCapacity CAPACITY = new CalendarCapacity(10_000);

    private CalendarTestData() {
    }

    /** A slot on the test day, e.g. {@code slot("10:00", "11:30")}. */
    static TimeSlot slot(String from, String to) {
        return new TimeSlot(at(from), at(to));
    }

    static Instant at(String time) {
        return TEST_DAY.plus(Duration.ofNanos(LocalTime.parse(time).toNanoOfDay()));
    }

    static AppointmentId appointmentId(int number) {
        return new AppointmentId(new UUID(0, number));
    }

    static AppointmentBooked booked(int number, TimeSlot slot) {
        return new AppointmentBooked(ALICE, appointmentId(number), slot, DETAILS);
    }

    static AppointmentRescheduled rescheduled(int number, TimeSlot from, TimeSlot to) {
        return new AppointmentRescheduled(ALICE, appointmentId(number), from, to, DETAILS);
    }

    static AppointmentCancelled cancelled(int number, TimeSlot slot) {
        return new AppointmentCancelled(ALICE, appointmentId(number), slot, "patient asked");
    }

    static BookAppointment book(int number, TimeSlot slot) {
        return new BookAppointment(ALICE, appointmentId(number), slot, DETAILS, NOW);
    }

    static RescheduleAppointment reschedule(int number, TimeSlot to) {
        return new RescheduleAppointment(ALICE, appointmentId(number), to, NOW);
    }

    static CancelAppointment cancel(int number) {
        return new CancelAppointment(ALICE, appointmentId(number), "patient asked");
    }

    static ReminderSent reminderSent(int number, String reminderId) {
        return new ReminderSent(ALICE, appointmentId(number), reminderId, Duration.ofHours(24), at("10:00").minus(Duration.ofHours(24)));
    }

    static RecordReminderSent recordReminder(int number, String reminderId) {
        return new RecordReminderSent(ALICE, appointmentId(number), reminderId, Duration.ofHours(24),
                at("10:00").minus(Duration.ofHours(24)), NOW);
    }

    static Appointment bookedAppointment(int number, TimeSlot slot) {
        return new Appointment(appointmentId(number), slot, DETAILS, AppointmentStatus.BOOKED, slot, List.of());
    }

    /** A calendar's fixture with the service's default rules. */
    /**
     * Axon with the calendar aggregate on an in-memory event store, started: for tests that send thousands of
     * commands through the real command bus and repository. Shut it down after the test.
     */
    static Configuration startedAxon(Duration maxAppointmentDuration) {
        return startedAxon(maxAppointmentDuration,
                AggregateConfigurer.defaultConfiguration(UserCalendar.class));
    }

    /**
     * The same with calendars cached between commands: for tests of many small calendars, since Axon's in-memory
     * engine reads every event it holds to load one.
     */
    static Configuration startedAxonWithCache(Duration maxAppointmentDuration) {
        return startedAxon(maxAppointmentDuration,
                AggregateConfigurer.defaultConfiguration(UserCalendar.class)
                        .configureCache(c -> new WeakReferenceCache()));
    }

    private static Configuration startedAxon(
            Duration maxAppointmentDuration, AggregateConfigurer<UserCalendar> calendars) {
        return DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(calendars)
                .registerComponent(SlotPolicy.class, c -> new SlotPolicy(maxAppointmentDuration))
                .registerComponent(CalendarCapacity.class, c -> CAPACITY)
                .start();
    }

    static FixtureConfiguration<UserCalendar> calendarFixture() {
        FixtureConfiguration<UserCalendar> fixture = new AggregateTestFixture<>(UserCalendar.class);
        fixture.registerInjectableResource(SLOT_POLICY);
        fixture.registerInjectableResource(CAPACITY);
        return fixture;
    }

    /** A refusal with that code and exactly that data. */
    static Matcher<CalendarException> refusal(CalendarError error, Map<String, String> data) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CalendarException exception) {
                return exception.error() == error && exception.data().equals(data);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal " + error.code() + " with ").appendValue(data);
            }
        };
    }

    /** The refusal of a slot that overlaps appointment {@code number}, which holds {@code slot}. */
    static Matcher<AppointmentOverlapException> overlapWith(int number, TimeSlot slot) {
        Map<String, String> expected = Map.of("conflictingAppointmentId", appointmentId(number).toString(),
                                              "conflictingStart", slot.start().toString(),
                                              "conflictingEnd", slot.end().toString());
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(AppointmentOverlapException exception) {
                return exception.error() == CalendarError.APPOINTMENT_OVERLAP && exception.data().equals(expected);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an overlap with ").appendValue(expected);
            }
        };
    }
}
