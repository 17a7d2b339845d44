package dev.scheduling.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.app.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import java.io.IOException;

/**
 * Refusals of the security filters as problem details: {@code 401 unauthenticated} and {@code 403 forbidden}, each
 * with the {@code WWW-Authenticate: Bearer ...} header of RFC 6750; and {@code 503} when the issuer's keys cannot
 * be fetched (the token may well be valid: the caller should retry, not log in again).
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();
    private final ObjectMapper json;

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        bearerEntryPoint.commence(request, response, e);
        String detail = e instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null
                ? "The bearer token was refused: " + oauth.getError().getDescription()
                : "Send an access token: Authorization: Bearer <token>";
        Problems.write(response, json, Problems.of(Problems.UNAUTHENTICATED, detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        bearerAccessDenied.handle(request, response, e);
        Problems.write(response, json, Problems.of(Problems.FORBIDDEN,
                "The caller may not do this"));
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException {
        if (e instanceof AuthenticationServiceException) {
            log.warn("Cannot check a bearer token: {}", e.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            Problems.write(response, json, Problems.of(Problems.SERVICE_UNAVAILABLE,
                    "The token issuer's keys cannot be fetched. Try again shortly."));
            return;
        }
        commence(request, response, e);
    }
}
