package dev.scheduling.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What Tomcat itself refuses before the application sees the request (an encoded slash or a NUL in the path, headers
 * too large, a request line it cannot parse) answers a problem like everything else, instead of Tomcat's HTML page.
 * Tomcat's message is not repeated: it may quote the request.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    /** Spring's builder: it writes a problem as RFC 9457 says (its properties as members), as Spring MVC does. */
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ProblemDetail problem = Problems.ofStatus(status, status == 400
                ? "The request is not well-formed HTTP, or its path or headers are not accepted"
                : "The request was refused before it reached the service");
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the response cannot take a body: nothing more to tell it
        }
    }
}
