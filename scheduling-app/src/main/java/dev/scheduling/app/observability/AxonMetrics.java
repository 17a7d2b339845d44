package dev.scheduling.app.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What Axon's own metrics (axon-micrometer) leave out:
 * <ul>
 *   <li>{@code scheduling.processor.lag.events} (tag {@code processor}): how many events the head of the event store is
 *   ahead of the least advanced segment this node holds, for every streaming processor (the read model's
 *   {@code appointments}, the reminders', the booking process's); 0 where this node holds no segment. The service
 *   stack alarms on the read model's.</li>
 *   <li>{@code scheduling.sagas.active} (tag {@code saga}): the sagas in the saga store, by type.</li>
 * </ul>
 * Both are read when the registry asks (the CloudWatch step: once a minute), from the store's head (one indexed
 * query) and the saga store (one count).
 */
public final class AxonMetrics {

    private static final Logger log = LoggerFactory.getLogger(AxonMetrics.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final Map<String, Double> lastSagaCounts = new ConcurrentHashMap<>();

    public AxonMetrics(EventProcessingConfiguration processing, EventStore eventStore, JdbcTemplate jdbc) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    public void bindTo(MeterRegistry meters, List<String> sagaTypes) {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("scheduling.processor.lag.events", () -> lag(streaming))
                     .description("Events between the event store's head and this node's least advanced segment")
                     .tag("processor", name).register(meters);
            }
        });
        for (String saga : sagaTypes) {
            Gauge.builder("scheduling.sagas.active", () -> active(saga))
                 .description("Sagas in the saga store").tag("saga", saga.substring(saga.lastIndexOf('.') + 1))
                 .register(meters);
        }
    }

    /** Events the head is ahead of this node's least advanced segment; 0 without a segment here. */
    double lag(StreamingEventProcessor processor) {
        try {
            return eventsBehind(processor);
        } catch (RuntimeException unavailable) {
            log.debug("Lag of {} unavailable: {}", processor.getName(), unavailable.toString());
            return Double.NaN; // the event store is out of reach: no figure rather than a wrong one
        }
    }

    private double eventsBehind(StreamingEventProcessor processor) {
        List<OptionalLong> positions = processor.processingStatus().values().stream()
                                                .map(EventTrackerStatus::getCurrentPosition).toList();
        if (positions.isEmpty()) {
            return 0;
        }
        long head = orZero(() -> eventStore.createHeadToken());
        long least = positions.stream().mapToLong(position -> position.orElse(0)).min().orElse(head);
        return Math.max(0, head - least);
    }

    private double active(String sagaType) {
        try {
            Long count = jdbc.queryForObject("SELECT count(*) FROM sagaentry WHERE sagatype = ?", Long.class, sagaType);
            double value = count == null ? 0 : count;
            lastSagaCounts.put(sagaType, value);
            return value;
        } catch (RuntimeException unavailable) {
            log.debug("Saga count of {} unavailable: {}", sagaType, unavailable.toString());
            return lastSagaCounts.getOrDefault(sagaType, Double.NaN);
        }
    }

    private static long orZero(Supplier<TrackingToken> head) {
        TrackingToken token = head.get();
        return token == null ? 0 : token.position().orElse(0);
    }
}
