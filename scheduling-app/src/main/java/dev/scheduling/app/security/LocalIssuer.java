package dev.scheduling.app.security;

import dev.scheduling.app.OwnerOnly;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/**
 * The local mode's token issuer: an RSA key of its own, made on first start and kept under the data directory (so
 * tokens outlive a restart), signing RS256 access tokens shaped like Cognito's ({@code token_use}, {@code client_id}),
 * so that they pass exactly the checks production tokens pass.
 */
public final class LocalIssuer {

    static final String KEY_FILE = "signing-key.jwk.json";

    private final RSAKey key;
    private final String issuer;
    private final Clock clock;

    private LocalIssuer(RSAKey key, String issuer, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.clock = clock;
    }

    public static LocalIssuer loadOrCreate(Path directory, String issuer, Clock clock) {
        return new LocalIssuer(loadOrCreateKey(directory.resolve(KEY_FILE)), issuer, clock);
    }

    public record IssuedToken(String accessToken, Instant expiresAt) {
    }

    public IssuedToken issue(String subject, Set<Role> roles, Duration ttl) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim(TokenValidators.TOKEN_USE, "access")
                .claim("client_id", SecurityProperties.Local.CLIENT_ID)
                .claim("roles", roles.stream().map(Role::claimValue).sorted().toList())
                .build();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                                                                                 .type(JOSEObjectType.JWT).build(), claims);
        try {
            token.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a local token", e);
        }
        return new IssuedToken(token.serialize(), expiresAt);
    }

    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey loadOrCreateKey(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            OwnerOnly.directory(file.getParent());
            RSAKey created = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            Path written = OwnerOnly.file(Files.createTempFile(file.getParent(), "key-", ".tmp"));
            Files.writeString(written, created.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException anotherProcessWasFirst) {
                Files.deleteIfExists(written);
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the local signing key " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("the local signing key " + file + " is unreadable; delete it to make a new one"
                    + " (tokens issued with it stop working)", e);
        }
    }
}
