package dev.scheduling.app.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * An OpenID-style token issuer of the tests' own: an RSA key, its JWKS served over HTTP on 127.0.0.1, and access
 * tokens shaped like Cognito's that it signs (or mis-signs, for the attacks). A service in {@code jwt} mode trusts it
 * through {@link #settings()}.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String CLIENT_ID = "test-client";
    public static final String OTHER_CLIENT_ID = "client-not-allowed";

    private final RSAKey key;
    private final HttpServer server;
    private final String issuer;

    private TestIssuer(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
        this.issuer = "https://issuer.test/" + UUID.randomUUID();
    }

    public static TestIssuer start() {
        try {
            RSAKey key = newKey(UUID.randomUUID().toString());
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
            return new TestIssuer(key, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settings that make a service trust this issuer (and only its client {@link #CLIENT_ID}). */
    public String[] settings() {
        return new String[]{"scheduling.security.mode=jwt",
                "scheduling.security.jwt.issuer-uri=" + issuer,
                "scheduling.security.jwt.jwk-set-uri=http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json",
                "scheduling.security.jwt.allowed-client-ids=" + CLIENT_ID};
    }

    public String issuer() {
        return issuer;
    }

    /** The claims of a valid access token of {@code subject} with {@code roles}, valid for an hour. */
    public JWTClaimsSet.Builder claims(String subject, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
                                         .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                                         .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                                         .jwtID(UUID.randomUUID().toString())
                                         .claim("token_use", "access").claim("client_id", CLIENT_ID)
                                         .claim("roles", List.of(roles));
    }

    public String token(String subject, String... roles) {
        return sign(claims(subject, roles).build());
    }

    public String token(String subject, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(subject)).build());
    }

    /** Signed with this issuer's key. */
    public String sign(JWTClaimsSet claims) {
        return signWith(key, claims);
    }

    /** Signed with another RSA key that claims this key's id. */
    public String signWithAnotherKey(JWTClaimsSet claims) {
        try {
            return signWith(newKey(key.getKeyID()), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic confusion: HS256 with the issuer's public key (as published in the JWKS) as the shared secret. */
    public String signHs256WithPublicKey(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims);
            byte[] secret = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured token: {@code {"alg":"none"}}, no signature. */
    public static String unsigned(JWTClaimsSet claims) {
        return Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Base64URL.encode(claims.toString()) + ".";
    }

    private static String signWith(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                                                                                   .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey(String keyId) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(keyId).generate();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
