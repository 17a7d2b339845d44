package dev.scheduling.app.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The key-encryption key that wraps the users' data keys (prefix {@code scheduling.personal-data}).
 *
 * @param keyEncryptionKey the key itself, base64 of 32 bytes (for example from a secret store); when unset, the
 *                         file {@code keyEncryptionKeyFile}
 * @param keyEncryptionKeyFile an owner-only file holding the key, made on first start; default
 *                         {@code <data-dir>/personal-data/key-encryption-key}
 * @param readKeyCacheTtl  how long a node keeps a data key it opened values with: the longest it may still read what
 *                         another node's erasure destroyed
 */
@ConfigurationProperties("scheduling.personal-data")
public record PersonalDataProperties(String keyEncryptionKey, Path keyEncryptionKeyFile,
                                     @DefaultValue("PT5S") Duration readKeyCacheTtl) {
}
