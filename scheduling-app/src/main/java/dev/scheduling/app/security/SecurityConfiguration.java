package dev.scheduling.app.security;


import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.app.observability.CallerLogContextFilter;
import dev.scheduling.app.web.Problems;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import java.util.Arrays;
import java.util.function.Supplier;

import static dev.scheduling.app.security.Role.ADMIN;
import static dev.scheduling.app.security.Role.AUDITOR;
import static dev.scheduling.app.security.Role.FRONT_DESK;

/**
 * Who may do what: an allow-list that ends in deny-all. A calendar is its owner's (the user id equal to the token's
 * subject); staff roles reach further. Every rule is checked in the filter chain, before the request is read, so a
 * refused request never reaches a controller and writes nothing.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String USER_ID = "userId";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties, ObjectMapper json)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.csrf(AbstractHttpConfigurer::disable)
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(AbstractHttpConfigurer::disable)
            .httpBasic(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
            .oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new CallerTokenConverter(properties)))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems)
                    .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                        @Override
                        public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                            filter.setAuthenticationFailureHandler(problems);
                            return filter;
                        }
                    }))
            .authorizeHttpRequests(requests -> {
                // the original request was authorized; its async (streamed export) and error dispatches follow it
                requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
                requests.requestMatchers(path.matcher("/actuator/health"), path.matcher("/actuator/health/**")).permitAll();
                var apiDocs = requests.requestMatchers(path.matcher("/v3/api-docs"), path.matcher("/v3/api-docs/**"),
                        path.matcher("/swagger-ui.html"), path.matcher("/swagger-ui/**"));
                if (properties.mode() == SecurityProperties.Mode.LOCAL) {
                    apiDocs.permitAll();
                    // callers on this machine only: refused by the filter added below, before the body is read
                    requests.requestMatchers(path.matcher(HttpMethod.POST, LocalTokenController.PATH)).permitAll();
                } else {
                    apiDocs.authenticated();
                }
                requests.requestMatchers(path.matcher(HttpMethod.GET, "/users/{userId}/appointments"),
                                path.matcher(HttpMethod.GET, "/users/{userId}/appointments/{appointmentId}"),
                                path.matcher(HttpMethod.GET, "/users/{userId}/history"),
                                path.matcher(HttpMethod.GET, "/users/{userId}/calendar"))
                        .access(ownerOr(FRONT_DESK, AUDITOR));
                // a calendar's rules: set by its owner, the front desk or an admin; its rules, slots and busy times are
                // read by anyone authenticated where it is published, else by its owner and staff: decided beside the
                // rules the read model holds (availability.CalendarVisibility), 403 otherwise
                requests.requestMatchers(path.matcher(HttpMethod.PUT, "/users/{userId}/availability"),
                                path.matcher(HttpMethod.DELETE, "/users/{userId}/availability"))
                        .access(ownerOr(FRONT_DESK, ADMIN));
                requests.requestMatchers(path.matcher(HttpMethod.GET, "/users/{userId}/availability"),
                                path.matcher(HttpMethod.GET, "/users/{userId}/slots"),
                                path.matcher(HttpMethod.GET, "/users/{userId}/busy"),
                                path.matcher(HttpMethod.GET, "/slots"))
                        .authenticated();
                // visits of several calendars and their holds: who may book, hold, read or cancel which is decided beside the
                // participants (visit.VisitController) and, whether a calendar is published, by the calendar itself when
                // the visit is decided (domain.visit.Visits); 403 otherwise
                requests.requestMatchers(path.matcher(HttpMethod.POST, "/appointments"),
                                path.matcher(HttpMethod.GET, "/appointments/{appointmentId}"),
                                path.matcher(HttpMethod.GET, "/appointments/{appointmentId}/history"),
                                path.matcher(HttpMethod.DELETE, "/appointments/{appointmentId}"),
                                path.matcher(HttpMethod.POST, "/appointments/{appointmentId}/reschedule"),
                                path.matcher(HttpMethod.POST, "/holds"),
                                path.matcher(HttpMethod.GET, "/holds/{holdId}"),
                                path.matcher(HttpMethod.DELETE, "/holds/{holdId}"))
                        .authenticated();
                // the right to erasure: the person themselves, or an administrator (not the front desk)
                requests.requestMatchers(path.matcher(HttpMethod.POST, "/users/{userId}/erasure")).access(ownerOr(ADMIN));
                // booking, rescheduling, cancelling; anything else on one's own calendar answers 404 or 405
                requests.requestMatchers(path.matcher("/users/{userId}/**")).access(ownerOr(FRONT_DESK));
                requests.requestMatchers(path.matcher(HttpMethod.GET, "/admin/audit/export"))
                        .hasAnyRole(AUDITOR.claimValue(), ADMIN.claimValue());
                requests.requestMatchers(path.matcher("/admin/projections/**")).hasRole(ADMIN.claimValue());
                requests.requestMatchers(path.matcher("/actuator/**")).hasRole(ADMIN.claimValue());
                requests.anyRequest().denyAll();
            });
        if (properties.mode() == SecurityProperties.Mode.LOCAL) {
            http.addFilterBefore(new LocalTokensFromThisMachine(path.matcher(HttpMethod.POST, LocalTokenController.PATH),
                    json), AuthorizationFilter.class);
        }
        if (properties.rateLimits().enabled()) {
            http.addFilterAfter(new RateLimitFilter(properties.rateLimits(), json), BearerTokenAuthenticationFilter.class);
        }
        // the caller and the calendar in every later log line of the request
        http.addFilterAfter(new CallerLogContextFilter(), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /** Records each connection's peer address before any filter runs ({@link PeerAddress}). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> peerAddress() {
        return factory -> factory.addContextValves(new PeerAddress());
    }

    /** Paths the firewall refuses (encoded slashes, "..", ";" ...) answer a problem, not Tomcat's error page. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return (request, response, rejected) -> Problems.write(response, json, Problems.of(
                Problems.MALFORMED_REQUEST, "The request's path is not in canonical form"));
    }

    /** The calendar's owner, or a caller holding one of {@code roles}. */
    static AuthorizationManager<RequestAuthorizationContext> ownerOr(Role... roles) {
        return (Supplier<Authentication> authentication, RequestAuthorizationContext context) -> {
            if (!(authentication.get() instanceof CallerAuthentication caller)) {
                return new AuthorizationDecision(false);
            }
            String owner = context.getVariables().get(USER_ID);
            boolean allowed = caller.caller().subject().equals(owner)
                    || Arrays.stream(roles).anyMatch(caller.caller().roles()::contains);
            return new AuthorizationDecision(allowed);
        };
    }
}
