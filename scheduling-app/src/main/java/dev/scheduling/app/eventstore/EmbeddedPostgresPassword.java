package dev.scheduling.app.eventstore;

import dev.scheduling.app.OwnerOnly;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The embedded PostgreSQL's own password, in an owner-only file beside its data, made on first start. The library
 * creates its cluster trusting every local connection as superuser (which would let any user of the machine read the
 * events and keys, or files, through the database); on every start the password is set and every rule of
 * {@code pg_hba.conf} is made to ask for it.
 */
public final class EmbeddedPostgresPassword {

    private static final Pattern TRUST = Pattern.compile("\\btrust\\b");
    private static final String METHOD = "scram-sha-256";

    private final Path file;
    private final String value;

    private EmbeddedPostgresPassword(Path file, String value) {
        this.file = file;
        this.value = value;
    }

    static EmbeddedPostgresPassword loadOrCreate(Path file) {
        try {
            OwnerOnly.directory(file.getParent());
            if (!Files.exists(file)) {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                Path written = OwnerOnly.file(Files.createTempFile(file.getParent(), "postgres-password-", ".tmp"));
                Files.writeString(written, Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                        StandardCharsets.US_ASCII);
                try {
                    Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException anotherProcessWasFirst) {
                    Files.deleteIfExists(written);
                }
            }
            OwnerOnly.file(file);
            return new EmbeddedPostgresPassword(file, Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the embedded PostgreSQL's password " + file, e);
        }
    }

    String value() {
        return value;
    }

    Path file() {
        return file;
    }

    /** Sets the password and has {@code pg_hba.conf} ask for it on every connection, local or over TCP. */
    void require(EmbeddedPostgres postgres, Path dataDirectory) {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            // the value is base64url: nothing in it needs quoting
            statement.execute("ALTER ROLE postgres PASSWORD '" + value + "'");
            List<String> rules = Files.readAllLines(hba, StandardCharsets.UTF_8);
            List<String> required = rules.stream()
                                         .map(line -> line.stripLeading().startsWith("#") ? line
                                                 : TRUST.matcher(line).replaceAll(METHOD))
                                         .toList();
            if (!required.equals(rules)) {
                Files.write(hba, required, StandardCharsets.UTF_8);
                statement.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the embedded PostgreSQL's password", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + hba, e);
        }
    }
}
