package dev.scheduling.domain.visit;

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
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A visit of Dr Lee, room 4 and alice, asked for in that order (taken alice, dr-lee, room-4: by id), and its Axon. */
final class VisitTestData {

    static final UserId ALICE = new UserId("alice");
    static final UserId DR_LEE = new UserId("dr-lee");
    static final UserId ROOM_4 = new UserId("room-4");
    static final Participant PATIENT = new Participant(ALICE, ParticipantRole.PATIENT);
    static final Participant PRACTITIONER = new Participant(DR_LEE, ParticipantRole.PRACTITIONER);
    static final Participant ROOM = new Participant(ROOM_4, ParticipantRole.LOCATION);
    static final List<Participant> AS_ASKED = List.of(PRACTITIONER, ROOM, PATIENT);
    static final List<Participant> IN_ORDER = List.of(PATIENT, PRACTITIONER, ROOM);
    static final AppointmentId VISIT = new AppointmentId(UUID.fromString("0b5e6a1c-0000-4000-8000-000000000034"));
    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final TimeSlot SLOT = new TimeSlot(Instant.parse("2026-12-02T13:00:00Z"), Instant.parse("2026-12-02T13:30:00Z"));
    static final AppointmentDetails DETAILS = new AppointmentDetails("Check-up", null, ZoneId.of("Europe/Amsterdam"));
    /** The details as the visit records them: personal data of the persons taking part (not the room). */
    static final AppointmentDetails VISIT_DETAILS = DETAILS.ofUsers(List.of("alice", "dr-lee"));
    static final SlotPolicy SLOT_POLICY = new SlotPolicy(Duration.ofHours(24));
    static final CalendarCapacity CAPACITY = new CalendarCapacity(10_000);

    private VisitTestData() {
    }

    static BookVisit book(TimeSlot slot) {
        return new BookVisit(VISIT, AS_ASKED, slot, DETAILS, NOW, false, null);
    }

    /** {@code slot} moved {@code minutes} later. */
    static TimeSlot shifted(TimeSlot slot, int minutes) {
        return new TimeSlot(slot.start().plusSeconds(60L * minutes), slot.end().plusSeconds(60L * minutes));
    }

    static AppointmentId id(int number) {
        return new AppointmentId(new UUID(34, number));
    }

    /** Axon with calendars, visits and the handler of visits on an in-memory event store that counts its commits. */
    static final class Axon implements AutoCloseable {

        /** Each append of the event store: one commit, one transaction. */
        final List<List<String>> commits = new CopyOnWriteArrayList<>();
        final Configuration configuration;

        Axon() {
            InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine() {
                @Override
                public void appendEvents(List<? extends EventMessage<?>> events) {
                    super.appendEvents(events);
                    commits.add(events.stream().map(event -> event.getPayloadType().getSimpleName()).toList());
                }
            };
            configuration = DefaultConfigurer.defaultConfiguration()
                    .configureEmbeddedEventStore(c -> storage)
                    .configureAggregate(AggregateConfigurer.defaultConfiguration(UserCalendar.class)
                                                           .configureCache(c -> new WeakReferenceCache()))
                    .configureAggregate(AggregateConfigurer.defaultConfiguration(Visit.class)
                                                           .configureCache(c -> new WeakReferenceCache()))
                    .registerComponent(SlotPolicy.class, c -> SLOT_POLICY)
                    .registerComponent(CalendarCapacity.class, c -> CAPACITY)
                    .registerCommandHandler(c -> new Visits(c.repository(UserCalendar.class), c.repository(Visit.class), c.eventStore(),
                            CalendarsTogether.ONE_BY_ONE,
                            SLOT_POLICY, CAPACITY))
                    .start();
        }

        <R> R send(Object command) {
            return configuration.commandGateway().sendAndWait(command);
        }

        /** The events of one stream, oldest first. */
        List<Object> events(Object aggregateId) {
            DomainEventStream stream = configuration.eventStore().readEvents(aggregateId.toString());
            return stream.asStream().map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
        }

        /** The calendar as its events make it (the aggregate's own fold), empty when it has none. */
        CalendarState calendar(UserId id) {
            CalendarState state = new CalendarState();
            events(id).forEach(state::evolve);
            return state;
        }

        VisitState visit(AppointmentId id) {
            VisitState state = VisitState.NONE;
            for (Object event : events(id)) {
                state = state.evolve(event);
            }
            return state;
        }

        long eventCount() {
            return commits.stream().mapToLong(List::size).sum();
        }

        @Override
        public void close() {
            configuration.shutdown();
        }
    }
}
