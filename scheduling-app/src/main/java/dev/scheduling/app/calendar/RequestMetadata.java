package dev.scheduling.app.calendar;

import dev.scheduling.domain.calendar.CommandMetadata;
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
        entries.put(CommandMetadata.ACTOR, actor);
        entries.put(CommandMetadata.CORRELATION_ID, correlationId);
        if (clientId != null) {
            entries.put(CommandMetadata.CLIENT_ID, clientId);
        }
        return MetaData.from(entries);
    }
}
