package dev.scheduling.app.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The checks every token passes after its signature, the same for local and external issuers: lifetime (with
 * {@code exp} required: Spring's timestamp check alone accepts a token without one), issuer, a subject that can be
 * stored as the actor, and, where configured, {@code token_use}, the client and the audience.
 */
final class TokenValidators {

    static final int MAX_SUBJECT_LENGTH = 128;
    static final String TOKEN_USE = "token_use";

    private TokenValidators() {
    }

    static OAuth2TokenValidator<Jwt> of(SecurityProperties properties, String issuer, String tokenUse,
                                        List<String> allowedClientIds, List<String> audiences) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(properties.clockSkew()));
        validators.add(new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull));
        validators.add(new JwtIssuerValidator(issuer));
        validators.add(new JwtClaimValidator<>(properties.subjectClaim(), (Object subject) -> subject instanceof String text
                && !text.isBlank() && text.length() <= MAX_SUBJECT_LENGTH && text.chars().noneMatch(Character::isISOControl)));
        if (tokenUse != null && !tokenUse.isBlank()) {
            validators.add(new JwtClaimValidator<>(TOKEN_USE, (Object use) -> tokenUse.equals(use)));
        }
        if (!allowedClientIds.isEmpty()) {
            // null-safe: List.copyOf's lists throw on contains(null), and a token without the claim must get a 401
            validators.add(new JwtClaimValidator<>(properties.clientIdClaim(),
                    (Object clientId) -> clientId != null && allowedClientIds.contains(clientId)));
        }
        if (!audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<>(JwtClaimNames.AUD, (Object aud) -> aud instanceof Collection<?> named
                    && named.stream().anyMatch(name -> name != null && audiences.contains(name))));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }
}
