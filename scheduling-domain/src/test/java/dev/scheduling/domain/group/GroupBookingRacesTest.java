package dev.scheduling.domain.group;

import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.CalendarCapacity;
import dev.scheduling.domain.calendar.CalendarState;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.ParticipantRole;
import dev.scheduling.domain.calendar.SlotPolicy;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserCalendar;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process for real inside one JVM: both aggregates on Axon's command bus and an in-memory event store, the
 * process as a saga on a streaming processor of its own, deadlines on Axon's simple deadline manager. Eight clients
 * book random groups of 2 to 4 of 6 calendars onto overlapping slots at once; then every booking has an outcome, and
 * each calendar rebuilt from its events shows exactly the booked ones, none overlapping, and no hold left. Seeded.
 */
class GroupBookingRacesTest {

    private static final long SEED = 20261202L;
    private static final int CLIENTS = 8;
    private static final int BOOKINGS = 240;
    private static final List<UserId> CALENDARS = IntStream.range(0, 6).mapToObj(i -> new UserId("c-" + i)).toList();
    private static final Instant DAY = Instant.parse("2030-01-07T08:00:00Z");
    private static final AppointmentDetails DETAILS = new AppointmentDetails("Visit", null, ZoneId.of("UTC"));

    private Configuration axon;

    @BeforeEach
    void startAxon() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(UserCalendar.class)
                .configureAggregate(GroupAppointment.class)
                // each command on the event's own thread, in its unit of work (the service sends each on its own)
                .registerComponent(ProcessCommands.class, c -> (command, metaData) ->
                        c.commandGateway().sendAndWait(command))
                .registerComponent(SlotPolicy.class, c -> new SlotPolicy(Duration.ofHours(24)))
                .registerComponent(CalendarCapacity.class, c -> new CalendarCapacity(10_000))
                .registerComponent(DeadlineManager.class, c -> SimpleDeadlineManager.builder()
                        .scopeAwareProvider(c.scopeAwareProvider()).build())
                .eventProcessing(processing -> processing
                        .registerSaga(GroupBookingProcess.class)
                        .registerPooledStreamingEventProcessor("GroupBookingProcessProcessor"))
                .start();
    }

    @AfterEach
    void stopAxon() {
        axon.shutdown();
    }

    @Test
    void racing_bookings_of_shared_calendars_are_each_booked_on_all_of_theirs_or_on_none() throws Exception {
        Random random = new Random(SEED);
        List<BookGroupAppointment> bookings = new ArrayList<>();
        for (int i = 0; i < BOOKINGS; i++) {
            List<UserId> shuffled = new ArrayList<>(CALENDARS);
            Collections.shuffle(shuffled, random);
            List<Participant> participants = shuffled.subList(0, 2 + random.nextInt(3)).stream()
                    .map(calendar -> new Participant(calendar, ParticipantRole.OTHER)).toList();
            // half-hour steps over three mornings, 30 to 90 minutes long: most bookings collide with several others
            Instant start = DAY.plus(Duration.ofDays(random.nextInt(3))).plus(Duration.ofMinutes(30L * random.nextInt(8)));
            TimeSlot slot = new TimeSlot(start, start.plus(Duration.ofMinutes(30L * (1 + random.nextInt(3)))));
            Instant now = Instant.now();
            bookings.add(new BookGroupAppointment(new AppointmentId(new UUID(SEED, i)), participants, slot, DETAILS,
                    now, now.plus(Duration.ofMinutes(1)), false));
        }

        CommandGateway commands = axon.commandGateway();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> sent = bookings.stream().map(booking -> clients.submit(() -> commands.sendAndWait(booking)))
                                       .collect(Collectors.toList());
        for (Future<?> future : sent) {
            future.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();

        Map<AppointmentId, GroupStatus> outcomes = awaitOutcomes(bookings);
        Map<GroupStatus, Long> counts = outcomes.values().stream()
                .collect(Collectors.groupingBy(status -> status, Collectors.counting()));
        assertThat(counts).containsKeys(GroupStatus.BOOKED, GroupStatus.REFUSED).doesNotContainKey(GroupStatus.PENDING);

        // the process confirms or releases after the decision: wait until the calendars show it, then look again
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> problems = problems(bookings, outcomes);
        while (!problems.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            problems = problems(bookings, outcomes);
        }
        assertThat(problems).isEmpty();
        System.out.println("group bookings: " + counts);
    }

    /**
     * What is wrong with the calendars now: a booked appointment missing from a participant's calendar or on another
     * slot, a refused or expired one on any, a hold left, two booked appointments of one calendar overlapping.
     */
    private List<String> problems(List<BookGroupAppointment> bookings, Map<AppointmentId, GroupStatus> outcomes) {
        List<String> problems = new ArrayList<>();
        Map<UserId, CalendarState> calendars = new HashMap<>();
        for (UserId calendar : CALENDARS) {
            calendars.put(calendar, rebuilt(calendar));
        }
        for (BookGroupAppointment booking : bookings) {
            GroupStatus outcome = outcomes.get(booking.appointmentId());
            for (Participant participant : booking.participants()) {
                var appointment = calendars.get(participant.calendarId()).appointment(booking.appointmentId());
                boolean onCalendar = appointment != null && appointment.isActive();
                if (onCalendar != (outcome == GroupStatus.BOOKED)
                        || (onCalendar && !appointment.slot().equals(booking.slot()))) {
                    problems.add(booking.appointmentId() + " " + outcome + " but " + (onCalendar ? "" : "not ")
                            + "on " + participant.calendarId());
                }
            }
        }
        for (UserId calendar : CALENDARS) {
            CalendarState state = calendars.get(calendar);
            state.holds().forEach(hold -> problems.add("hold " + hold.id() + " left on " + calendar));
            List<TimeSlot> slots = state.booked().stream().map(a -> a.slot()).toList();
            for (int i = 1; i < slots.size(); i++) {
                if (slots.get(i - 1).end().isAfter(slots.get(i).start())) {
                    problems.add("overlap on " + calendar + ": " + slots.get(i - 1) + " and " + slots.get(i));
                }
            }
        }
        return problems;
    }

    /** Each booking's decision, from its events, once every one has one (or the time is up). */
    private Map<AppointmentId, GroupStatus> awaitOutcomes(List<BookGroupAppointment> bookings) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<AppointmentId, GroupStatus> outcomes = new HashMap<>();
        while (System.nanoTime() < deadline) {
            outcomes.clear();
            for (BookGroupAppointment booking : bookings) {
                outcomes.put(booking.appointmentId(), status(booking.appointmentId()));
            }
            if (!outcomes.containsValue(GroupStatus.PENDING)) {
                return outcomes;
            }
            Thread.sleep(50);
        }
        return outcomes;
    }

    private GroupStatus status(AppointmentId id) {
        GroupStatus status = GroupStatus.PENDING;
        DomainEventStream events = axon.eventStore().readEvents(id.toString());
        while (events.hasNext()) {
            Object event = events.next().getPayload();
            if (event instanceof GroupAppointmentBooked) {
                status = GroupStatus.BOOKED;
            } else if (event instanceof GroupBookingRefused) {
                status = GroupStatus.REFUSED;
            } else if (event instanceof GroupBookingExpired || event instanceof GroupBookingUndone) {
                status = GroupStatus.EXPIRED;
            }
        }
        return status;
    }

    private CalendarState rebuilt(UserId calendar) {
        CalendarState state = new CalendarState();
        DomainEventStream events = axon.eventStore().readEvents(calendar.value());
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            state.evolve(event.getPayload());
        }
        return state;
    }
}
