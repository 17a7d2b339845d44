package dev.scheduling.app.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.scheduling.app.SchedulingProperties;
import dev.scheduling.app.privacy.PersonalDataCipher;
import dev.scheduling.app.privacy.PersonalDataModule;
import dev.scheduling.app.privacy.PersonalDataSerializer;
import dev.scheduling.domain.calendar.CommandMetadata;
import dev.scheduling.domain.calendar.UserCalendar;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The event store: PostgreSQL through Axon's JDBC engine (tables by Flyway), JSON for events, snapshots and
 * everything else Axon stores, so that the audit trail reads as plain JSON (personal data in it sealed).
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** Takes snapshots after the commit, on a thread of its own: a client never waits for a snapshot. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService calendarSnapshotter() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "calendar-snapshotter");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Registers the calendar (the domain has no Spring annotation). Its snapshotter is built here from the
     * aggregate's own factory: Axon's Spring snapshotter only finds factories of {@code @Aggregate} beans and would
     * silently skip every snapshot. Calendars are cached between commands ({@link VerifiedAggregateCache}).
     */
    @Bean
    ConfigurerModule userCalendarAggregate(SchedulingProperties properties, ExecutorService calendarSnapshotter) {
        return configurer -> {
            AggregateConfigurer<UserCalendar> calendar = AggregateConfigurer.defaultConfiguration(UserCalendar.class);
            if (properties.aggregateCacheSize() > 0) {
                calendar.configureCache(config -> {
                    VerifiedAggregateCache cache = new VerifiedAggregateCache(config::eventStore,
                            properties.aggregateCacheSize());
                    config.commandBus().registerHandlerInterceptor(cache.staleOutcomeCheck());
                    return cache;
                });
            }
            calendar.configureSnapshotTrigger(config -> new EventCountSnapshotTriggerDefinition(
                    AggregateSnapshotter.builder()
                                        .eventStore(config.eventStore())
                                        // one calendar has at most one snapshot in the making
                                        .executor(calendarSnapshotter)
                                        .aggregateFactories(calendar.aggregateFactory())
                                        .transactionManager(config.getComponent(TransactionManager.class))
                                        .parameterResolverFactory(config.parameterResolverFactory())
                                        .handlerDefinition(config.handlerDefinition(UserCalendar.class))
                                        .build(),
                    properties.snapshotThreshold()));
            configurer.configureAggregate(calendar);
        };
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    /**
     * Copies who acted (and through which client) and the client's request id from each command to the events it causes. Replaces Axon's
     * default MessageOriginProvider, which would store the command message's own id as the correlation id.
     */
    @Bean
    CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider(CommandMetadata.ACTOR, CommandMetadata.CLIENT_ID,
                CommandMetadata.CORRELATION_ID);
    }

    @Bean
    @Primary
    Serializer serializer(PersonalDataCipher personalData) {
        return jsonSerializer(personalData);
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(PersonalDataCipher personalData) {
        return jsonSerializer(personalData);
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(PersonalDataCipher personalData) {
        return jsonSerializer(personalData);
    }

    /** JSON in which every {@code @PersonalData} value is sealed under its user's key (package {@code privacy}). */
    static Serializer jsonSerializer(PersonalDataCipher personalData) {
        ObjectMapper mapper = storageObjectMapper().registerModule(new PersonalDataModule(personalData));
        return new PersonalDataSerializer(JacksonSerializer.builder().objectMapper(mapper).build());
    }

    /**
     * Reads and writes fields, not getters, so that aggregates snapshot as they are; tolerates unknown fields,
     * so that events written by a newer version still load during a rolling deployment.
     */
    public static ObjectMapper storageObjectMapper() {
        return JsonMapper.builder()
                         .addModule(new JavaTimeModule())
                         .addModule(new DomainJacksonModule())
                         .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                         .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                         .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                         .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                         .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                         .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                         .build();
    }
}
