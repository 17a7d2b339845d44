package dev.scheduling.app.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * The key-encryption key that wraps the users' data keys (prefix {@code scheduling.personal-data}).
 *
 * @param keyEncryptionKey the key itself, base64 of 32 bytes (for example from a secret store); when unset, the
 *                         file {@code keyEncryptionKeyFile}
 * @param keyEncryptionKeyFile an owner-only file holding the key, made on first start; default
 *                         {@code <data-dir>/personal-data/key-encryption-key}
 */
@ConfigurationProperties("scheduling.personal-data")
public record PersonalDataProperties(String keyEncryptionKey, Path keyEncryptionKeyFile) {
}
