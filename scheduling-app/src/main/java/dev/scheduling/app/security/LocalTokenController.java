package dev.scheduling.app.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.scheduling.app.web.FieldError;
import dev.scheduling.app.web.InvalidRequestException;
import dev.scheduling.domain.calendar.UserId;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The local mode's token endpoint: answers only callers on this machine (the connection's peer, never a forwarding
 * header), so that the embedded default never runs open. The security filters refuse other callers before the body
 * is read; the check here stands behind them. Tokens carry the roles asked for: whoever can run commands on the
 * machine owns the service anyway.
 */
@RestController
@ConditionalOnProperty(name = "scheduling.security.mode", havingValue = "local", matchIfMissing = true)
public class LocalTokenController {

    static final String PATH = "/local/tokens";
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private final LocalIssuer issuer;
    private final Duration maxTtl;

    public LocalTokenController(LocalIssuer issuer, SecurityProperties properties) {
        this.issuer = issuer;
        this.maxTtl = properties.local().maxTtl();
    }

    public record TokenRequest(String subject, List<String> roles, String ttl) {
    }

    /** An OAuth2 token response (RFC 6749, section 5.1). */
    public record TokenResponse(@JsonProperty("access_token") String accessToken,
                                @JsonProperty("token_type") String tokenType,
                                @JsonProperty("expires_in") long expiresIn) {
    }

    @Operation(summary = "Issue a local access token (local mode, callers on this machine only)",
               description = "Body {subject, roles?, ttl?}: roles among front-desk, auditor, admin; ttl an ISO-8601 "
                       + "duration (default PT1H).")
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<TokenResponse> issue(@RequestBody TokenRequest body, HttpServletRequest request) {
        if (!PeerAddress.isLoopback(request)) {
            throw new LocalTokensRefusedException();
        }
        List<FieldError> errors = new ArrayList<>();
        if (!UserId.isValid(body.subject())) {
            errors.add(new FieldError("subject", UserId.RULE));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : body.roles() == null ? List.<String>of() : body.roles()) {
            Role.fromClaim(name).ifPresentOrElse(roles::add,
                    () -> errors.add(new FieldError("roles", "must name only front-desk, auditor or admin")));
        }
        Duration ttl = ttl(body.ttl(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.stream().distinct().toList());
        }
        LocalIssuer.IssuedToken token = issuer.issue(body.subject(), roles, ttl);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                             .body(new TokenResponse(token.accessToken(), "Bearer", ttl.toSeconds()));
    }

    private Duration ttl(String value, List<FieldError> errors) {
        if (value == null) {
            return DEFAULT_TTL;
        }
        try {
            Duration ttl = Duration.parse(value);
            if (ttl.toSeconds() >= 1 && ttl.compareTo(maxTtl) <= 0) {
                return ttl;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldError("ttl", "must be an ISO-8601 duration from PT1S to " + maxTtl));
        return DEFAULT_TTL;
    }
}
