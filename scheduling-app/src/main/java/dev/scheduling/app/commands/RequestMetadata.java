package dev.scheduling.app.commands;

import dev.scheduling.app.eventstore.EventStoreConfiguration;
import org.axonframework.messaging.MetaData;

import java.util.HashMap;
import java.util.Map;

/**
 * Who asked (the token's subject, and the OAuth2 client it came through when the token names one) and under which
 * correlation id: stored with every event the command causes.
 */
public record RequestMetadata(String actor, String clientId, String correlationId) {

    public MetaData toMetaData() {
        Map<String, String> entries = new HashMap<>();
        entries.put(EventStoreConfiguration.ACTOR, actor);
        entries.put(EventStoreConfiguration.CORRELATION_ID, correlationId);
        if (clientId != null) {
            entries.put(EventStoreConfiguration.CLIENT_ID, clientId);
        }
        return MetaData.from(entries);
    }
}
