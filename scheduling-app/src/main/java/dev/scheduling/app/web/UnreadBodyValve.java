package dev.scheduling.app.web;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes the connection after a refusal whose request body was never read (401, 403, 429, 413 and 408, all decided
 * before the body), instead of letting Tomcat read (drain) the rest of it to keep the connection: a client refused
 * before its body could otherwise hold a request thread for as long as it takes to trickle that body in. The answer
 * says {@code Connection: close}, so that the client does not send another request on it.
 */
final class UnreadBodyValve extends ValveBase {

    /** The statuses Tomcat answers with Connection: close by itself. */
    private static final Set<Integer> CLOSING_STATUSES = Set.of(400, 408, 411, 413, 414, 500, 501, 503);

    UnreadBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (response.getStatus() < 400 || request.isAsync()) {
            return;
        }
        AtomicBoolean fullyRead = new AtomicBoolean(true);
        request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
        if (fullyRead.get()) {
            return;
        }
        if (!response.isCommitted()) {
            response.setHeader("Connection", "close");
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        } else if (CLOSING_STATUSES.contains(response.getStatus())) {
            // already sent, with the Connection: close that Tomcat adds to these
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }
}
