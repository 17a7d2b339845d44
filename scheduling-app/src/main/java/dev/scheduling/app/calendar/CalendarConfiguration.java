package dev.scheduling.app.calendar;

import dev.scheduling.app.SchedulingProperties;
import dev.scheduling.app.eventstore.BackgroundThreads;
import dev.scheduling.app.eventstore.EventStoreOutages;
import dev.scheduling.domain.calendar.UserCalendar;
import dev.scheduling.domain.calendar.UserId;
import dev.scheduling.domain.visit.CalendarsTogether;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The calendar's command side, wired: the aggregate (the domain has no Spring annotation) with its repository,
 * cache, staleness check and snapshots; the duplicate-key mapping that makes a lost race a concurrency failure; and
 * {@link CalendarCommands}, the one way in, which retries a command that lost a race.
 */
@Configuration(proxyBeanMethods = false)
public class CalendarConfiguration {

    /** How long a command waits for a calendar other commands of this node hold: far longer than any holds one. */
    static final Duration LONGEST_WAIT_FOR_A_CALENDAR = Duration.ofSeconds(8);

    @Bean
    CalendarCommands calendarCommands(CommandGateway gateway, EventStoreOutages outages, SchedulingProperties properties,
                                      MeterRegistry meters) {
        return new CalendarCommands(gateway, outages, properties.commandAttempts(), meters);
    }

    @Bean
    AppointmentIds appointmentIds() {
        return new AppointmentIds();
    }

    /** Axon's auto-configuration registers every handler interceptor bean with the command bus: once. */
    @Bean
    CalendarExceptionWrappingInterceptor calendarExceptionWrappingInterceptor() {
        return new CalendarExceptionWrappingInterceptor();
    }

    /** A lost race for a calendar's next sequence number, as PostgreSQL reports it, is a concurrency failure. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    @Bean
    BackgroundThreads calendarSnapshotterThread() {
        return new BackgroundThreads("calendar snapshotter", 1);
    }

    /** Takes snapshots after the commit, on a thread of its own: a client never waits for a snapshot. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService calendarSnapshotter() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "calendar-snapshotter");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The calendars' locks on this node, taken in the order asked for and all of a visit's at once (see CalendarLocks). */
    @Bean
    CalendarLocks calendarLocks() {
        return new CalendarLocks(LONGEST_WAIT_FOR_A_CALENDAR);
    }

    /** A visit's calendars, taken all at once for its unit of work, and their last sequence numbers read at once. */
    @Bean
    CalendarsTogether calendarsTogether(CalendarLocks locks, DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return calendars -> {
            List<String> ids = calendars.stream().map(UserId::value).toList();
            var lock = locks.lockTogether(ids);
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
            unitOfWork.onCleanup(done -> lock.release());
            StoredVersions.read(unitOfWork, jdbc, ids);
        };
    }

    /** The calendars kept between commands; none when {@code scheduling.aggregate-cache-size} is 0. */
    @Bean
    CalendarCache calendarCache(SchedulingProperties properties) {
        return new CalendarCache(properties.aggregateCacheSize());
    }

    /** Checks outcomes decided on a cached calendar (an interceptor bean: Axon registers it with the command bus). */
    @Bean
    StaleOutcomeCheck staleOutcomeCheck(ObjectProvider<EventStore> eventStore, CalendarCache cache) {
        return new StaleOutcomeCheck(eventStore::getObject, cache);
    }

    /**
     * Registers the calendar. Its snapshotter is built here from the aggregate's own factory: Axon's Spring
     * snapshotter only finds factories of {@code @Aggregate} beans and would silently skip every snapshot. With a
     * cache, its repository keeps calendars between commands ({@link CachingCalendarRepository}).
     */
    @Bean
    ConfigurerModule userCalendarAggregate(SchedulingProperties properties, ExecutorService calendarSnapshotter,
                                           CalendarCache cache, CalendarLocks locks) {
        return configurer -> {
            AggregateConfigurer<UserCalendar> calendar = AggregateConfigurer.defaultConfiguration(UserCalendar.class);
            Function<org.axonframework.config.Configuration, SnapshotTriggerDefinition> snapshots =
                    config -> new EventCountSnapshotTriggerDefinition(
                            AggregateSnapshotter.builder()
                                                .eventStore(config.eventStore())
                                                // one calendar has at most one snapshot in the making
                                                .executor(calendarSnapshotter)
                                                .aggregateFactories(calendar.aggregateFactory())
                                                .transactionManager(config.getComponent(TransactionManager.class))
                                                .parameterResolverFactory(config.parameterResolverFactory())
                                                .handlerDefinition(config.handlerDefinition(UserCalendar.class))
                                                .build(),
                            properties.snapshotThreshold());
            calendar.configureLockFactory(config -> locks);
            if (properties.aggregateCacheSize() > 0) {
                calendar.configureRepository(config -> new CachingCalendarRepository(
                        EventSourcingRepository.builder(UserCalendar.class)
                                               .lockFactory(locks)
                                               .parameterResolverFactory(config.parameterResolverFactory())
                                               .handlerDefinition(config.handlerDefinition(UserCalendar.class))
                                               .eventStore(config.eventStore())
                                               .aggregateFactory(calendar.aggregateFactory())
                                               .snapshotTriggerDefinition(snapshots.apply(config))
                                               .repositoryProvider(config::repository)
                                               .spanFactory(config.getComponent(RepositorySpanFactory.class)),
                        cache, config.eventStore()));
            } else {
                calendar.configureSnapshotTrigger(snapshots);
            }
            configurer.configureAggregate(calendar);
        };
    }
}
