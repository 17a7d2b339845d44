package dev.scheduling.app.eventstore;

import dev.scheduling.domain.calendar.UserCalendar;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which command's cached calendar the stale-outcome check looks at. */
class VerifiedAggregateCacheTest {

    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final VerifiedAggregateCache cache = new VerifiedAggregateCache(() -> eventStore, 10);
    private final MessageHandlerInterceptor<CommandMessage<?>> check = cache.staleOutcomeCheck();

    @AfterEach
    void shutDown() {
        eventStore.shutDown();
    }

    @Test
    void a_refusal_is_checked_against_the_calendar_its_own_command_took_from_the_cache() throws Exception {
        cache.put("alice", new AggregateCacheEntry<>(calendar()));
        eventStore.publish(new GenericDomainEventMessage<>("UserCalendar", "alice", 0, "written by another node"));

        UnitOfWork<CommandMessage<?>> command = command();
        IllegalStateException refusal = new IllegalStateException("refused");
        assertThatThrownBy(() -> check.handle(command, () -> {
            cache.get("alice");
            throw refusal;
        })).isInstanceOf(ConcurrencyException.class);
        command.rollback();
        assertThat(cache.containsKey("alice")).isFalse();
    }

    @Test
    void a_command_a_saga_sends_is_not_checked_against_a_calendar_an_earlier_command_of_the_batch_used() throws Exception {
        UnitOfWork<?> sagaBatch = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("batch"));
        cache.put("alice", new AggregateCacheEntry<>(calendar()));
        UnitOfWork<CommandMessage<?>> first = command();
        check.handle(first, () -> cache.get("alice"));
        first.commit();
        // the first command's calendar changes after it was cached (its own append, or another node's)
        eventStore.publish(new GenericDomainEventMessage<>("UserCalendar", "alice", 0, "appended"));

        UnitOfWork<CommandMessage<?>> second = command();
        IllegalStateException refusal = new IllegalStateException("refused on a calendar loaded from the store");
        assertThatThrownBy(() -> check.handle(second, () -> {
            throw refusal;
        })).isSameAs(refusal);
        second.rollback();
        sagaBatch.rollback();
    }

    private static UnitOfWork<CommandMessage<?>> command() {
        return DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("command"));
    }

    private EventSourcedAggregate<UserCalendar> calendar() throws Exception {
        Constructor<UserCalendar> constructor = UserCalendar.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        return EventSourcedAggregate.initialize(constructor.newInstance(),
                AnnotatedAggregateMetaModelFactory.inspectAggregate(UserCalendar.class), eventStore,
                (SnapshotTrigger) null);
    }
}
