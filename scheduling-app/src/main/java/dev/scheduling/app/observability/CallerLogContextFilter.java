package dev.scheduling.app.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * Right after the bearer token is checked: the caller (the token's subject) and the calendar or appointment the path
 * names go into the log context for the rest of the request.
 */
public class CallerLogContextFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, String> saved = LogContext.save();
        try {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication instanceof JwtAuthenticationToken token) {
                LogContext.putIfPresent(LogContext.ACTOR, token.getToken().getSubject());
                request.setAttribute(AccessLogFilter.ACTOR_ATTRIBUTE, token.getToken().getSubject());
            }
            LogContext.putPathIds(request.getRequestURI());
            chain.doFilter(request, response);
        } finally {
            LogContext.restore(saved);
        }
    }
}
