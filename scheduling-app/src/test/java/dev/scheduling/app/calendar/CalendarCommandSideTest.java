package dev.scheduling.app.calendar;

import dev.scheduling.app.eventstore.EventStoreOutages;
import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.BookAppointment;
import dev.scheduling.domain.calendar.BookingOutcome;
import dev.scheduling.domain.calendar.CalendarCapacity;
import dev.scheduling.domain.calendar.CalendarError;
import dev.scheduling.domain.calendar.CancelAppointment;
import dev.scheduling.domain.calendar.RescheduleAppointment;
import dev.scheduling.domain.calendar.SlotPolicy;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserCalendar;
import dev.scheduling.domain.calendar.UserId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The calendar's command side as it runs on each node (command bus, interceptors, caching repository,
 * {@link CalendarCommands}), two nodes over one event store that, as PostgreSQL's unique key does, refuses a second
 * event at a calendar's sequence number: each case of the guard against stale cached calendars, without a server.
 */
class CalendarCommandSideTest {

    private static final UserId ALICE = new UserId("alice");
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final TimeSlot NINE = slot(9);
    private static final TimeSlot TEN = slot(10);
    /** No failure of these tests is an SQL one: the outage check never asks a database. */
    private static final EventStoreOutages NO_DATABASE = new EventStoreOutages(null);

    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
                                                                    .storageEngine(new UniqueSequences()).build();
    private final Node first = new Node(eventStore);
    private final Node second = new Node(eventStore);

    @AfterEach
    void shutDown() {
        eventStore.shutDown();
    }

    @Test
    void a_booking_accepted_on_a_stale_cached_calendar_loses_its_append_and_is_refused_on_the_stored_one() {
        first.book(NINE); // first caches alice
        second.book(TEN); // another node books ten: first's cached calendar does not know

        assertThatThrownBy(() -> first.book(TEN)).isInstanceOf(CommandExecutionException.class)
                                                .satisfies(e -> assertThat(code(e)).isEqualTo(CalendarError.APPOINTMENT_OVERLAP));
        assertThat(first.lostRaces()).as("its append lost to the other node's, and it was retried").isEqualTo(1);
        assertThat(overlaps()).isFalse();
    }

    @Test
    void a_refusal_decided_on_a_stale_cached_calendar_is_retried_on_the_stored_one() {
        AppointmentId nine = first.book(NINE); // first caches alice, with nine taken
        second.cancel(nine); // another node frees nine

        AppointmentId again = first.book(NINE);

        assertThat(again).isNotEqualTo(nine);
        assertThat(first.lostRaces()).isEqualTo(1);
    }

    @Test
    void an_answer_without_an_event_on_a_stale_cached_calendar_is_retried_on_the_stored_one() {
        AppointmentId id = new AppointmentId(UUID.randomUUID());
        first.book(id, NINE);
        second.reschedule(id, TEN); // another node moves it

        BookingOutcome retried = first.send(new BookAppointment(ALICE, id, NINE, AppointmentDetails.untitled(), NOW));

        assertThat(retried.created()).isFalse();
        assertThat(retried.appointment().slot()).as("as stored, not as cached").isEqualTo(TEN);
        assertThat(first.lostRaces()).isEqualTo(1);
    }

    @Test
    void a_command_on_a_current_cached_calendar_takes_no_second_look() {
        first.book(NINE);
        AtomicInteger lookups = new AtomicInteger();
        Node counting = new Node(eventStore, lookups);
        counting.book(TEN);
        int afterLoad = lookups.get();

        assertThatThrownBy(() -> counting.book(TEN)).isInstanceOf(CommandExecutionException.class);
        counting.book(slot(12));

        assertThat(lookups.get() - afterLoad).as("one look-up, for the refusal only").isEqualTo(1);
        assertThat(counting.lostRaces()).isZero();
    }

    @Test
    void a_calendar_another_node_wrote_to_is_brought_up_to_date_before_the_next_command_on_it() {
        first.book(NINE);
        second.book(TEN);
        assertThatThrownBy(() -> first.book(TEN)).isInstanceOf(CommandExecutionException.class);
        assertThat(first.lostRaces()).as("first learns that another node writes to alice").isEqualTo(1);

        second.book(slot(12));
        assertThatThrownBy(() -> first.book(slot(12))).isInstanceOf(CommandExecutionException.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo(CalendarError.APPOINTMENT_OVERLAP));
        first.book(slot(13));

        assertThat(first.lostRaces()).as("decided on alice as stored: no race lost, no stale refusal").isEqualTo(1);
        assertThat(overlaps()).isFalse();
    }

    @Test
    void a_refusal_stands_when_the_event_store_cannot_be_asked() {
        Node cut = new Node(eventStore, null);
        cut.book(NINE);
        cut.storeUnreachable = true;

        assertThatThrownBy(() -> cut.book(NINE)).isInstanceOf(CommandExecutionException.class)
                                               .satisfies(e -> assertThat(code(e)).isEqualTo(CalendarError.APPOINTMENT_OVERLAP));
    }

    @Test
    void a_command_that_keeps_losing_races_gives_up_with_contention() {
        AtomicInteger attempts = new AtomicInteger();
        CommandGateway alwaysLosing = (CommandGateway) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[]{CommandGateway.class}, (proxy, method, arguments) -> {
                    attempts.incrementAndGet();
                    throw new ConcurrencyException("another node appended first");
                });
        CalendarCommands commands = new CalendarCommands(alwaysLosing, NO_DATABASE, 3, new SimpleMeterRegistry());

        assertThatThrownBy(() -> commands.send(new CancelAppointment(ALICE, new AppointmentId(UUID.randomUUID()), null),
                new RequestMetadata("alice", null, "r-1"))).isInstanceOf(CalendarContentionException.class);
        assertThat(attempts).hasValue(3);
    }

    private boolean overlaps() {
        List<TimeSlot> active = new java.util.ArrayList<>();
        eventStore.readEvents("alice").asStream().map(DomainEventMessage::getPayload).forEach(event -> {
            if (event instanceof dev.scheduling.domain.calendar.AppointmentBooked booked) {
                active.add(booked.slot());
            } else if (event instanceof dev.scheduling.domain.calendar.AppointmentCancelled cancelled) {
                active.remove(cancelled.slot());
            }
        });
        for (int a = 0; a < active.size(); a++) {
            for (int b = a + 1; b < active.size(); b++) {
                if (active.get(a).start().isBefore(active.get(b).end()) && active.get(b).start().isBefore(active.get(a).end())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static CalendarError code(Throwable failure) {
        return ((CommandExecutionException) failure).<CommandFailure>getDetails().orElseThrow().error();
    }

    private static TimeSlot slot(int hour) {
        Instant start = Instant.parse("2026-12-05T00:00:00Z").plus(Duration.ofHours(hour));
        return new TimeSlot(start, start.plus(Duration.ofHours(1)));
    }

    /** One node: its command bus with the interceptors, its cache and repository, and {@link CalendarCommands}. */
    private static final class Node {

        private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        private final CalendarCommands commands;
        private volatile boolean storeUnreachable;

        Node(EventStore eventStore) {
            this(eventStore, null);
        }

        Node(EventStore eventStore, AtomicInteger lookups) {
            CalendarCache cache = new CalendarCache(10);
            SimpleCommandBus bus = SimpleCommandBus.builder().build();
            bus.registerHandlerInterceptor(new CalendarExceptionWrappingInterceptor());
            bus.registerHandlerInterceptor(new StaleOutcomeCheck(() -> {
                if (storeUnreachable) {
                    throw new IllegalStateException("the event store does not answer");
                }
                if (lookups != null) {
                    lookups.incrementAndGet();
                }
                return eventStore;
            }, cache));
            var resources = MultiParameterResolverFactory.ordered(
                    new SimpleResourceParameterResolverFactory(Set.of(new SlotPolicy(Duration.ofHours(24)),
                            new CalendarCapacity(100))),
                    ClasspathParameterResolverFactory.forClass(UserCalendar.class));
            var repository = new CachingCalendarRepository(EventSourcingRepository.builder(UserCalendar.class)
                                                                                 .parameterResolverFactory(resources)
                                                                                 .eventStore(eventStore)
                                                                                 .aggregateFactory(new GenericAggregateFactory<>(UserCalendar.class)),
                    cache, eventStore);
            AggregateAnnotationCommandHandler.<UserCalendar>builder().aggregateType(UserCalendar.class)
                                                                      .repository(repository)
                                                                      .parameterResolverFactory(resources)
                                                                      .build().subscribe(bus);
            commands = new CalendarCommands(DefaultCommandGateway.builder().commandBus(bus).build(), NO_DATABASE, 8, meters);
        }

        <R> R send(Object command) {
            return commands.send(command, new RequestMetadata("alice", null, "request"));
        }

        AppointmentId book(TimeSlot slot) {
            return book(new AppointmentId(UUID.randomUUID()), slot);
        }

        AppointmentId book(AppointmentId id, TimeSlot slot) {
            BookingOutcome outcome = send(new BookAppointment(ALICE, id, slot, AppointmentDetails.untitled(), NOW));
            return outcome.appointment().id();
        }

        void reschedule(AppointmentId id, TimeSlot slot) {
            send(new RescheduleAppointment(ALICE, id, slot, NOW));
        }

        void cancel(AppointmentId id) {
            send(new CancelAppointment(ALICE, id, null));
        }

        double lostRaces() {
            return meters.get("scheduling.commands.lost.races").counter().count();
        }
    }

    /** In memory, refusing a second event at a calendar's sequence number, as the event table's unique key does. */
    private static final class UniqueSequences extends InMemoryEventStorageEngine {

        @Override
        public synchronized void appendEvents(List<? extends EventMessage<?>> events) {
            for (EventMessage<?> event : events) {
                if (event instanceof DomainEventMessage<?> domain) {
                    Optional<Long> last = lastSequenceNumberFor(domain.getAggregateIdentifier());
                    if (last.isPresent() && domain.getSequenceNumber() <= last.get()) {
                        throw new ConcurrencyException("event " + domain.getSequenceNumber() + " of "
                                + domain.getAggregateIdentifier() + " exists already");
                    }
                }
            }
            super.appendEvents(events);
        }
    }
}
