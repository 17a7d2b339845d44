package dev.scheduling.app.calendar;

import dev.scheduling.app.security.CallerAuthentication;
import dev.scheduling.app.web.RequestFields;
import dev.scheduling.app.web.RequestIdFilter;
import dev.scheduling.domain.calendar.CommandMetadata;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.MetaData;

import java.util.HashMap;
import java.util.Map;

/**
 * Who asked (the token's subject, and the OAuth2 client it came through when the token names one) and under which
 * correlation id: stored with every event the command causes.
 */
public record RequestMetadata(String actor, String clientId, String correlationId) {

    /**
     * The metadata of a request: the actor is the token's subject (who the caller claims to be in headers or bodies is
     * never read); a malformed request id is recorded in {@code fields}.
     */
    public static RequestMetadata of(RequestFields fields, CallerAuthentication caller, HttpServletRequest request) {
        fields.reject(RequestIdFilter.errors(request));
        return new RequestMetadata(caller.caller().subject(), caller.caller().clientId(),
                RequestIdFilter.requestId(request));
    }

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
