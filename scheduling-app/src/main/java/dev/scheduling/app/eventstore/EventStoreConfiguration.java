package dev.scheduling.app.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.scheduling.domain.calendar.CommandMetadata;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;


/**
 * The event store: PostgreSQL through Axon's JDBC engine (tables by Flyway), JSON for events, snapshots and
 * everything else Axon stores ({@link #storageObjectMapper}), so that the audit trail reads as plain JSON. The
 * serializers that seal personal data in it are the privacy package's; the calendar's own wiring (repository, cache,
 * snapshots) is the calendar package's.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

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
    EventStoreOutages eventStoreOutages(DataSource dataSource) {
        return new EventStoreOutages(dataSource);
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
