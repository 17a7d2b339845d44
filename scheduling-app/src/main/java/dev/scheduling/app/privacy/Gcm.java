package dev.scheduling.app.privacy;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/** AES-GCM with a random 96-bit IV per value and a 128-bit tag; the IV is stored in front of the cipher text. */
final class Gcm {

    static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Gcm() {
    }

    static byte[] encrypt(SecretKey key, byte[] plain, byte[] associatedData) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Throws if the value was changed, or sealed with another key or other associated data. */
    static byte[] decrypt(SecretKey key, byte[] ivAndSealed, byte[] associatedData) {
        if (ivAndSealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("an encrypted value is too short to be one");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ivAndSealed, 0, IV_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(ivAndSealed, IV_BYTES, ivAndSealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an encrypted value does not decrypt: altered, or not sealed for this place", e);
        }
    }

    static byte[] randomKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }
}
