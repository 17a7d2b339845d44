package dev.scheduling.app.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final SecurityProperties.VerifiedTokens REMEMBERED =
            new SecurityProperties.VerifiedTokens(4096, Duration.ofMinutes(5));

    private static final String ISSUER = "urn:scheduling:local";

    /** A clock the test moves: the validators read it on every use of a remembered token. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void a_remembered_token_is_refused_once_it_expires(@TempDir Path dataDir) {
        MovableClock clock = new MovableClock();
        LocalIssuer issuer = LocalIssuer.loadOrCreate(dataDir, ISSUER, clock);
        JwtTimestampValidator lifetime = new JwtTimestampValidator(Duration.ofSeconds(30));
        lifetime.setClock(clock);
        JwtDecoder decoder = VerifiedTokens.of(NimbusJwtDecoder.withPublicKey(issuer.publicKey())
                                                               .signatureAlgorithm(SignatureAlgorithm.RS256).build(),
                new DelegatingOAuth2TokenValidator<>(lifetime, new JwtIssuerValidator(ISSUER)), REMEMBERED);
        String token = issuer.issue("alice", Set.of(), Duration.ofMinutes(1)).accessToken();

        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
        assertThat(decoder.decode(token).getClaimAsString("iss")).as("remembered, issuer kept as text")
                                                                 .isEqualTo(ISSUER);

        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void a_token_differing_in_one_byte_is_verified_afresh_and_refused(@TempDir Path dataDir) {
        LocalIssuer issuer = LocalIssuer.loadOrCreate(dataDir, ISSUER, Clock.systemUTC());
        JwtDecoder decoder = VerifiedTokens.of(NimbusJwtDecoder.withPublicKey(issuer.publicKey())
                                                               .signatureAlgorithm(SignatureAlgorithm.RS256).build(),
                new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), new JwtIssuerValidator(ISSUER)), REMEMBERED);
        String token = issuer.issue("alice", Set.of(), Duration.ofMinutes(1)).accessToken();
        decoder.decode(token);

        char last = token.charAt(token.length() - 2);
        String altered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertThatThrownBy(() -> decoder.decode(altered)).isInstanceOf(org.springframework.security.oauth2.jwt.JwtException.class);
    }
}
