package dev.scheduling.app.privacy;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * The key a value of several users is sealed under: HMAC-SHA256 applied in turn with each user's data key (in the
 * order of their users' ids, as their key ids are stored beside the value), starting from a fixed label. Each step is a pseudo-random
 * function of its key, so the result cannot be made without every one of them: destroying any one user's key
 * (erasing that user) leaves the value unreadable, as it does for a value of one user. One key is used as it is.
 */
final class JointKey {

    private static final byte[] LABEL = "scheduling personal data: joint key v1".getBytes(StandardCharsets.UTF_8);

    private JointKey() {
    }

    static SecretKey of(List<PersonalDataKeys.DataKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no key to seal with");
        }
        if (keys.size() == 1) {
            return keys.get(0).key();
        }
        byte[] material = LABEL;
        try {
            for (PersonalDataKeys.DataKey key : keys) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key.key().getEncoded(), "HmacSHA256"));
                material = mac.doFinal(material);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
        return new SecretKeySpec(material, "AES");
    }
}
