package dev.scheduling.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses paths with {@code ;} parameters. The servlet container strips them before routing, so
 * {@code /users/alice;x/appointments} would otherwise act on alice's calendar although no user is called that.
 */
public class StrictPathFilter extends OncePerRequestFilter {

    private final ObjectMapper objectMapper;

    public StrictPathFilter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().indexOf(';') >= 0) {
            Problems.write(response, objectMapper, Problems.of(Problems.MALFORMED_REQUEST,
                    "Path parameters (';') are not accepted"));
            return;
        }
        chain.doFilter(request, response);
    }
}
