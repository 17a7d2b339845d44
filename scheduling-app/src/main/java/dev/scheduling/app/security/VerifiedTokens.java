package dev.scheduling.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Duration;
import java.util.Map;

/**
 * A token decoder that remembers the tokens whose signature it verified: a client sends the same token with every
 * request until it expires, and parsing it and checking its RS256 signature again each time was most of what
 * authentication cost. The key is the whole token, signature included, so only a byte-identical token is ever found;
 * every use still runs all the validators (expiry, not-before, issuer, subject, client), so a remembered token stops
 * working the moment it expires.
 */
final class VerifiedTokens implements JwtDecoder {


    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    private VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, SecurityProperties.VerifiedTokens remembered) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder().maximumSize(remembered.maximum()).expireAfterWrite(remembered.ttl()).build();
    }

    /**
     * {@code decoder} with {@code validator}, remembering verified tokens. The issuer is kept as the text it is:
     * Spring's default turns it into a {@code java.net.URL}, which for a URN such as the local issuer's fails through
     * a class-loader search on every request.
     */
    static JwtDecoder of(NimbusJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator,
                         SecurityProperties.VerifiedTokens remembered) {
        decoder.setJwtValidator(validator);
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                Map.<String, Converter<Object, ?>>of(JwtClaimNames.ISS, Object::toString)));
        return new VerifiedTokens(decoder, validator, remembered);
    }

    @Override
    public Jwt decode(String token) {
        Jwt remembered = token == null ? null : verified.getIfPresent(token);
        if (remembered == null) {
            Jwt jwt = verifier.decode(token);
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(remembered);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException("An error occurred while attempting to decode the Jwt: "
                    + result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return remembered;
    }
}
