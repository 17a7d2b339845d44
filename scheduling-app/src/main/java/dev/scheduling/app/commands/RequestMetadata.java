package dev.scheduling.app.commands;

import dev.scheduling.app.eventstore.EventStoreConfiguration;
import org.axonframework.messaging.MetaData;

import java.util.Map;

/** Who asked and under which correlation id: stored with every event the command causes. */
public record RequestMetadata(String actor, String correlationId) {

    public MetaData toMetaData() {
        return MetaData.from(Map.of(EventStoreConfiguration.ACTOR, actor,
                                    EventStoreConfiguration.CORRELATION_ID, correlationId));
    }
}
