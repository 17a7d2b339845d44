package dev.scheduling.app.privacy;

/**
 * The key that encrypts the users' data keys where they are stored (envelope encryption), so that a copy of the
 * database alone reveals nothing. The embedded default is {@link LocalKeyEncryptionKey}; in production this is the
 * port for AWS KMS ({@code Encrypt}/{@code Decrypt} of a 32-byte data key under a customer managed key).
 */
public interface KeyEncryptionKey {

    /** Names this key; stored beside every data key it wraps. */
    String id();

    byte[] wrap(byte[] dataKey);

    byte[] unwrap(byte[] wrappedDataKey);
}
