package dev.scheduling.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.app.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses the local mode's token endpoint to callers whose connection comes from another machine
 * ({@link PeerAddress}), with 403 and before a byte of the body is read.
 */
final class LocalTokensFromThisMachine extends OncePerRequestFilter {

    private final RequestMatcher tokenEndpoint;
    private final ObjectMapper json;

    LocalTokensFromThisMachine(RequestMatcher tokenEndpoint, ObjectMapper json) {
        this.tokenEndpoint = tokenEndpoint;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (tokenEndpoint.matches(request) && !PeerAddress.isLoopback(request)) {
            Problems.write(response, json, Problems.of(Problems.FORBIDDEN, new LocalTokensRefusedException().getMessage()));
            return;
        }
        chain.doFilter(request, response);
    }
}
