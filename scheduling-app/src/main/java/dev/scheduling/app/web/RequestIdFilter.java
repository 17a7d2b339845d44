package dev.scheduling.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the client's {@code X-Request-Id} when it is well-formed, a new UUID
 * otherwise. It is echoed in the response, put in the log context and stored with every event the request causes.
 */
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";
    private static final String INVALID_ATTRIBUTE = RequestIdFilter.class.getName() + ".invalid";
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        boolean valid = given != null && FORMAT.matcher(given).matches();
        String requestId = valid ? given : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, requestId);
        if (given != null && !valid) {
            request.setAttribute(INVALID_ATTRIBUTE, Boolean.TRUE);
        }
        response.setHeader(HEADER, requestId);
        MDC.put("requestId", requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
        }
    }

    public static String requestId(HttpServletRequest request) {
        return (String) request.getAttribute(ATTRIBUTE);
    }

    /** A malformed {@code X-Request-Id} is refused by commands, which would otherwise store it for ever. */
    public static List<FieldError> errors(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(INVALID_ATTRIBUTE))
                ? List.of(new FieldError(HEADER, "must be 1-128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'"))
                : List.of();
    }
}
