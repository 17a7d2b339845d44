package dev.scheduling.app.visit;

import dev.scheduling.app.eventstore.EventStoreOutages;
import dev.scheduling.domain.calendar.CalendarCapacity;
import dev.scheduling.domain.calendar.SlotPolicy;
import dev.scheduling.domain.calendar.UserCalendar;
import dev.scheduling.domain.visit.CalendarsTogether;
import dev.scheduling.domain.visit.Visit;
import dev.scheduling.domain.visit.Visits;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Visits of several calendars: the {@link Visit} aggregate (a visit's own record) and {@link Visits}, the command
 * handler that decides each visit on all its calendars in one unit of work, over the calendars' own repository (and
 * so their cache, staleness check and snapshots).
 */
@Configuration(proxyBeanMethods = false)
public class VisitConfiguration {

    @Bean
    ConfigurerModule visitsDecidedInOneUnitOfWork(CalendarsTogether together, SlotPolicy slotPolicy,
                                                  CalendarCapacity capacity) {
        return configurer -> configurer
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Visit.class)
                                                       .configureRepository(VisitConfiguration::withoutSnapshots))
                .registerCommandHandler(config -> new Visits(config.repository(UserCalendar.class),
                        config.repository(Visit.class), config.eventStore(), together, slotPolicy, capacity));
    }

    /**
     * Axon's repository of visits, but for a visit's events read without first looking for a snapshot: a visit is a
     * handful of events and never snapshotted, and the look-up would cost each of its commands a query.
     */
    private static Repository<Visit> withoutSnapshots(org.axonframework.config.Configuration config) {
        EventStore eventStore = config.eventStore();
        return new EventSourcingRepository<>(EventSourcingRepository.builder(Visit.class)
                                                                    .eventStore(eventStore)
                                                                    .parameterResolverFactory(config.parameterResolverFactory())
                                                                    .handlerDefinition(config.handlerDefinition(Visit.class))
                                                                    .repositoryProvider(config::repository)
                                                                    .spanFactory(config.getComponent(RepositorySpanFactory.class))) {
            @Override
            protected DomainEventStream readEvents(String visitId) {
                return eventStore.readEvents(visitId, 0);
            }
        };
    }

    @Bean
    VisitReads visitReads(EventStore eventStore, EventStoreOutages outages) {
        return new VisitReads(eventStore, outages);
    }

    @Bean
    VisitAccess visitAccess(VisitReads reads, Clock clock) {
        return new VisitAccess(reads, clock);
    }
}
