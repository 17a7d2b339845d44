package dev.scheduling.app.privacy;

import dev.scheduling.app.OwnerOnly;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The embedded default key-encryption key: 256 random bits in an owner-only file, made on first start. Whoever holds
 * the file and a copy of the database can read the personal data in it: keep the file apart from backups (in
 * production use a KMS key instead).
 */
public final class LocalKeyEncryptionKey implements KeyEncryptionKey {

    private static final byte[] AD = "scheduling:data-key".getBytes(StandardCharsets.UTF_8);

    private final SecretKey key;
    private final String id;

    private LocalKeyEncryptionKey(byte[] material) {
        this.key = new SecretKeySpec(material, "AES");
        this.id = "local:" + fingerprint(material);
    }

    /** A key given as base64 of its 32 bytes (for example from a secret store). */
    public static LocalKeyEncryptionKey of(String base64) {
        byte[] material = Base64.getDecoder().decode(base64.strip());
        if (material.length != Gcm.KEY_BYTES) {
            throw new IllegalStateException("scheduling.personal-data.key-encryption-key is not base64 of 32 bytes");
        }
        return new LocalKeyEncryptionKey(material);
    }

    public static LocalKeyEncryptionKey loadOrCreate(Path file) {
        return new LocalKeyEncryptionKey(loadOrCreateMaterial(file));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public byte[] wrap(byte[] dataKey) {
        return Gcm.encrypt(key, dataKey, AD);
    }

    @Override
    public byte[] unwrap(byte[] wrappedDataKey) {
        return Gcm.decrypt(key, wrappedDataKey, AD);
    }

    private static byte[] loadOrCreateMaterial(Path file) {
        try {
            if (Files.exists(file)) {
                return decode(file);
            }
            OwnerOnly.directory(file.getParent());
            Path written = OwnerOnly.file(Files.createTempFile(file.getParent(), "kek-", ".tmp"));
            byte[] created = Gcm.randomKey();
            Files.writeString(written, Base64.getEncoder().encodeToString(created), StandardCharsets.US_ASCII);
            try {
                Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException anotherProcessWasFirst) {
                Files.deleteIfExists(written);
                return decode(file);
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the key-encryption key " + file, e);
        }
    }

    private static byte[] decode(Path file) throws IOException {
        byte[] material = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        if (material.length != Gcm.KEY_BYTES) {
            throw new IllegalStateException("the key-encryption key " + file + " is not a 256-bit key");
        }
        return material;
    }

    private static String fingerprint(byte[] material) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
