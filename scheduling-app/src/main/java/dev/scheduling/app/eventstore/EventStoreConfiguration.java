package dev.scheduling.app.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.scheduling.app.SchedulingProperties;
import dev.scheduling.domain.calendar.CommandMetadata;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.util.UUID;


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

    /**
     * The token store, as Axon's auto-configuration would make it but for the owner it claims segments as: this node's
     * id ({@code scheduling.node-id}), else one unique to this process. Axon's default, the JVM's {@code pid@host},
     * is the same for two nodes in one JVM (as the tests start them) and for two containers that both run as pid 1 on
     * hosts of the same name: both would believe they own every segment and handle every event.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenStoreProperties tokenStore,
                          NodeId nodeId) {
        return JdbcTokenStore.builder()
                             .connectionProvider(connectionProvider)
                             .schema(new TokenSchema())
                             .serializer(serializer)
                             .claimTimeout(tokenStore.getClaimTimeout())
                             .nodeId(nodeId.value())
                             .build();
    }

    /** Who this node is to the others: {@code scheduling.node-id}, else {@code pid@host} and a part unique to the process. */
    @Bean
    NodeId nodeId(SchedulingProperties properties) {
        String configured = properties.nodeId();
        if (configured != null && !configured.isBlank()) {
            return new NodeId(configured);
        }
        return new NodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The node's id as the token store and the other nodes know it. */
    public record NodeId(String value) {
    }

    @Bean
    BackgroundThreads segmentSharingThread() {
        return new BackgroundThreads("segment sharing", 1);
    }

    /** Shares the processors' segments with the other nodes up, once the processors run ({@link SegmentSharing}). */
    @Bean(destroyMethod = "close")
    SegmentSharing segmentSharing(EventProcessingConfiguration processing, DataSource dataSource, NodeId nodeId) {
        return new SegmentSharing(processing, new JdbcTemplate(dataSource), nodeId.value(), SegmentSharing.INTERVAL);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> segmentSharingStart(SegmentSharing sharing) {
        return ready -> sharing.start();
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
