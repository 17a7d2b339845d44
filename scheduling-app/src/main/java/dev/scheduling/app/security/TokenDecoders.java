package dev.scheduling.app.security;

import dev.scheduling.app.SchedulingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The token decoder of each mode: RS256 only (so neither {@code none} nor HS256 passes), then the same checks. */
final class TokenDecoders {

    private static final Logger log = LoggerFactory.getLogger(TokenDecoders.class);

    private TokenDecoders() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "scheduling.security.mode", havingValue = "local", matchIfMissing = true)
    static class LocalMode {

        @Bean
        LocalIssuer localIssuer(SchedulingProperties scheduling, SecurityProperties properties, Clock clock) {
            return LocalIssuer.loadOrCreate(scheduling.dataDir().resolve("local-issuer"), properties.local().issuer(),
                    clock);
        }

        @Bean
        JwtDecoder jwtDecoder(LocalIssuer issuer, SecurityProperties properties) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(issuer.publicKey())
                                                       .signatureAlgorithm(SignatureAlgorithm.RS256).build();
            return VerifiedTokens.of(decoder, TokenValidators.of(properties, properties.local().issuer(), "access",
                    List.of(SecurityProperties.Local.CLIENT_ID), List.of()), properties.verifiedTokens());
        }

        /** Tells whoever started the service how to get in. */
        @Bean
        ApplicationListener<WebServerInitializedEvent> localTokenHint() {
            return event -> log.info("Local mode: every request needs a token. Get one (from this machine only) with: "
                    + "curl -s -X POST http://localhost:" + event.getWebServer().getPort() + LocalTokenController.PATH
                    + " -H 'Content-Type: application/json' -d '{\"subject\":\"alice\",\"roles\":[\"front-desk\"],"
                    + "\"ttl\":\"PT1H\"}'");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "scheduling.security.mode", havingValue = "jwt")
    static class JwtMode {

        private static final Duration JWKS_TIMEOUT = Duration.ofSeconds(5);

        @Bean
        JwtDecoder jwtDecoder(SecurityProperties properties, RestTemplateBuilder http) {
            SecurityProperties.Jwt jwt = properties.jwt();
            if (jwt.issuerUri() == null || jwt.issuerUri().isBlank()) {
                throw new IllegalStateException("scheduling.security.mode=jwt needs scheduling.security.jwt.issuer-uri");
            }
            if (jwt.allowedClientIds().isEmpty() && jwt.audiences().isEmpty()) {
                throw new IllegalStateException("scheduling.security.mode=jwt needs scheduling.security.jwt."
                        + "allowed-client-ids (Cognito) or scheduling.security.jwt.audiences: a token of any client of "
                        + "the issuer would pass otherwise");
            }
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwt.effectiveJwkSetUri())
                                                       .jwsAlgorithm(SignatureAlgorithm.RS256)
                                                       .restOperations(http.connectTimeout(JWKS_TIMEOUT)
                                                                           .readTimeout(JWKS_TIMEOUT).build())
                                                       .build();
            return VerifiedTokens.of(decoder, TokenValidators.of(properties, jwt.issuerUri(), jwt.tokenUse(),
                    jwt.allowedClientIds(), jwt.audiences()), properties.verifiedTokens());
        }
    }
}
