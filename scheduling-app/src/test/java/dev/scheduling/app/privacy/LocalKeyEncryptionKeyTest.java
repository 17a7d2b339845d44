package dev.scheduling.app.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalKeyEncryptionKeyTest {

    @TempDir
    Path dir;

    @Test
    void the_key_file_is_made_once_owner_only_and_read_again_on_the_next_start() throws Exception {
        Path file = dir.resolve("personal-data").resolve("key-encryption-key");
        LocalKeyEncryptionKey first = LocalKeyEncryptionKey.loadOrCreate(file);
        byte[] wrapped = first.wrap(Gcm.randomKey());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        LocalKeyEncryptionKey again = LocalKeyEncryptionKey.loadOrCreate(file);
        assertThat(again.id()).isEqualTo(first.id()).startsWith("local:");
        assertThat(again.unwrap(wrapped)).hasSize(Gcm.KEY_BYTES);
    }

    @Test
    void a_given_key_must_be_32_bytes() {
        assertThatThrownBy(() -> LocalKeyEncryptionKey.of(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("not base64 of 32 bytes");
    }

    @Test
    void forty_three_letters_and_digits_as_secrets_manager_generates_them_are_a_key() {
        // the service stack's secret: GenerateSecretString, 43 characters, no punctuation (unpadded base64)
        LocalKeyEncryptionKey key = LocalKeyEncryptionKey.of("Zk3qW8pLr0TmVb7xYc2NdHs9FgJa4KeU6oPi1BnMzQw");
        byte[] dataKey = Gcm.randomKey();

        assertThat(key.unwrap(key.wrap(dataKey))).isEqualTo(dataKey);
    }

    @Test
    void a_wrapped_key_does_not_open_under_another_key_encryption_key() {
        byte[] wrapped = LocalKeyEncryptionKey.loadOrCreate(dir.resolve("a")).wrap(Gcm.randomKey());

        assertThatThrownBy(() -> LocalKeyEncryptionKey.loadOrCreate(dir.resolve("b")).unwrap(wrapped))
                .hasMessageContaining("does not decrypt");
    }
}
