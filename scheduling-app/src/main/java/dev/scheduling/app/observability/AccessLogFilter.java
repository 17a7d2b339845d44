package dev.scheduling.app.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * One line per request once it is answered: method, path (never the query, which may carry a cancellation's reason),
 * status and time taken, in the request's log context (request id, caller, calendar or appointment, trace). On in the
 * aws profile ({@code scheduling.access-log.enabled}), where each line is a JSON document for CloudWatch Logs Insights.
 */
public class AccessLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("dev.scheduling.access");
    static final String ACTOR_ATTRIBUTE = AccessLogFilter.class.getName() + ".actor";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            Map<String, String> saved = LogContext.save();
            try {
                LogContext.putIfPresent(LogContext.ACTOR, request.getAttribute(ACTOR_ATTRIBUTE));
                LogContext.putPathIds(request.getRequestURI());
                log.info("{} {} {} {} ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
                        (System.nanoTime() - started) / 1_000_000);
            } finally {
                LogContext.restore(saved);
            }
        }
    }
}
