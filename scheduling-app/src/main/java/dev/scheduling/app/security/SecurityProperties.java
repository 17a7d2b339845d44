package dev.scheduling.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Who may call the service (prefix {@code scheduling.security}). Every request but health carries a bearer JWT.
 *
 * @param mode          {@code local}: the service issues its own tokens ({@code POST /local/tokens}, loopback
 *                      callers only) from a key under the data directory; {@code jwt}: tokens of an external issuer
 *                      (Cognito in AWS), checked against its JWKS
 * @param subjectClaim  the claim naming the caller: the owner of the calendar of that user id, and the actor of
 *                      every event the caller causes
 * @param rolesClaim    the claim listing the caller's roles ({@code cognito:groups} in the aws profile)
 * @param clientIdClaim the claim naming the OAuth2 client that obtained the token, recorded with every event
 * @param scopePrefix   a scope {@code <prefix><role>} grants that role (machine clients of Cognito's resource server)
 * @param clockSkew     tolerance on {@code exp} and {@code nbf}
 * @param verifiedTokens how many verified tokens are remembered, and for how long (their signature is not checked
 *                      again meanwhile; every other check is)
 */
@ConfigurationProperties("scheduling.security")
public record SecurityProperties(@DefaultValue("local") Mode mode,
                                 @DefaultValue("sub") String subjectClaim,
                                 @DefaultValue("roles") String rolesClaim,
                                 @DefaultValue("client_id") String clientIdClaim,
                                 @DefaultValue("scheduling/") String scopePrefix,
                                 @DefaultValue("PT30S") Duration clockSkew,
                                 @DefaultValue Local local,
                                 @DefaultValue Jwt jwt,
                                 @DefaultValue RateLimits rateLimits,
                                 @DefaultValue VerifiedTokens verifiedTokens) {

    public enum Mode { LOCAL, JWT }

    /**
     * @param issuer the {@code iss} of local tokens
     * @param maxTtl the longest lifetime a local token may be asked for
     */
    public record Local(@DefaultValue("urn:scheduling:local") String issuer,
                        @DefaultValue("P1D") Duration maxTtl) {

        /** The {@code client_id} of local tokens: the only client the local mode allows. */
        public static final String CLIENT_ID = "local";
    }

    /**
     * @param issuerUri        the required {@code iss}
     * @param jwkSetUri        where the issuer's signing keys are published (default: the issuer's
     *                         {@code /.well-known/jwks.json}, as Cognito does)
     * @param allowedClientIds the OAuth2 clients whose tokens are accepted (Cognito access tokens carry no {@code aud})
     * @param audiences        for issuers that set {@code aud}: at least one must be named
     * @param tokenUse         the required {@code token_use} ({@code access}: a Cognito ID token is refused); empty
     *                         for issuers without the claim
     */
    public record Jwt(String issuerUri, String jwkSetUri, List<String> allowedClientIds, List<String> audiences,
                      @DefaultValue("access") String tokenUse) {

        public Jwt {
            allowedClientIds = allowedClientIds == null ? List.of() : List.copyOf(allowedClientIds);
            audiences = audiences == null ? List.of() : List.copyOf(audiences);
        }

        String effectiveJwkSetUri() {
            return jwkSetUri != null && !jwkSetUri.isBlank() ? jwkSetUri
                    : issuerUri.replaceAll("/+$", "") + "/.well-known/jwks.json";
        }
    }

    public record VerifiedTokens(@DefaultValue("4096") int maximum, @DefaultValue("PT5M") Duration ttl) {
    }

    /**
     * Token buckets per caller, refilled over a minute: commands (POST, DELETE ...) and reads (GET) apart, for
     * users (no role) and staff (any role) apart. Refused requests answer {@code 429 rate-limited}.
     */
    public record RateLimits(@DefaultValue("true") boolean enabled,
                             @DefaultValue("30") int userCommandsPerMinute,
                             @DefaultValue("300") int userReadsPerMinute,
                             @DefaultValue("3000") int staffCommandsPerMinute,
                             @DefaultValue("30000") int staffReadsPerMinute) {
    }
}
