package dev.scheduling.app.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The users' data keys, in PostgreSQL (table {@code personal_data_key}), wrapped by the key-encryption key. Runs in
 * the caller's transaction (the command's, the saga's, the snapshot's), so that a key is looked up where the data
 * it encrypts is written.
 * <p>
 * Writing looks the user's live key up in the database once per transaction (a visit's events seal many values under
 * the same few users' keys), never from an earlier transaction: a key cached on this node could have been destroyed
 * by another node's erasure since, and a value sealed under it would be lost although acknowledged. Reading
 * caches unwrapped keys by id for {@code readCacheTtl} at most, the longest another node may still read what an
 * erasure destroyed.
 */
public final class PersonalDataKeys {


    private final JdbcTemplate jdbc;
    private final KeyEncryptionKey kek;
    private final Cache<String, ReadKey> readKeys;

    public PersonalDataKeys(JdbcTemplate jdbc, KeyEncryptionKey kek, Duration readCacheTtl) {
        this.jdbc = jdbc;
        this.kek = kek;
        this.readKeys = Caffeine.newBuilder().expireAfterWrite(readCacheTtl).maximumSize(100_000).build();
    }

    /** A data key and the user it belongs to. */
    record DataKey(String id, String userId, SecretKey key) {
    }

    /**
     * What is known of a key id: its key, or that it was destroyed (the key is then empty), and whether its user is
     * recorded as erased (a destroyed key of a user who is not is an error, never a silent blank).
     */
    record ReadKey(String userId, Optional<DataKey> key, boolean userErased) {
    }

    /**
     * The user's live key, made if there is none and {@code mayCreate}. Only new events may make one for a user
     * who was erased: anything else holding that user's clear data (a snapshot or saga state taken before the
     * erasure) must not be sealed under a key that outlives it.
     */
    DataKey forWriting(String userId, boolean mayCreate) {
        Map<String, DataKey> known = keysOfThisTransaction();
        DataKey key = known.get(userId);
        if (key == null) {
            key = liveOrNewKey(userId, mayCreate);
            known.put(userId, key);
        }
        return key;
    }

    private DataKey liveOrNewKey(String userId, boolean mayCreate) {
        Optional<DataKey> live = liveKey(userId);
        if (live.isPresent()) {
            return live.get();
        }
        if (!mayCreate && wasErased(userId)) {
            throw new IllegalStateException("refusing to store personal data of erased user " + userId
                    + " under a new key: it was read before the erasure");
        }
        byte[] material = Gcm.randomKey();
        UUID keyId = UUID.randomUUID();
        int made = jdbc.update("INSERT INTO personal_data_key (key_id, user_id, wrapped_key, kek_id) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (user_id) WHERE destroyed_at IS NULL DO NOTHING",
                keyId, userId, kek.wrap(material), kek.id());
        if (made == 1) {
            return new DataKey(keyId.toString(), userId, new SecretKeySpec(material, "AES"));
        }
        // another transaction made the user's first key at the same moment: use that one
        return liveKey(userId).orElseThrow(() -> new IllegalStateException("no data key for user " + userId));
    }

    /**
     * The user's live key for a copy kept outside the event store (the read model), made if the user has none and was
     * never erased; empty if the user was erased and has written nothing since: a copy of what they wrote before must
     * not outlive the erasure under a new key.
     */
    Optional<DataKey> forCopying(String userId) {
        Optional<DataKey> live = liveKey(userId);
        if (live.isPresent() || wasErased(userId)) {
            return live;
        }
        return Optional.of(forWriting(userId, true));
    }

    /**
     * The key of {@code keyId}; empty if the id was never a key (which is an error for the caller to raise). Readers
     * of one event on several threads (the projection's and the saga's segments) wait for one look-up.
     */
    Optional<ReadKey> forReading(String keyId) {
        return Optional.ofNullable(readKeys.get(keyId, this::lookUp));
    }

    private ReadKey lookUp(String keyId) {
        List<ReadKey> found = jdbc.query("SELECT k.user_id, k.wrapped_key, EXISTS (SELECT 1 FROM personal_data_erasure e "
                        + "WHERE e.user_id = k.user_id) FROM personal_data_key k WHERE k.key_id = ?",
                (row, i) -> {
                    String userId = row.getString(1);
                    return new ReadKey(userId, Optional.ofNullable(row.getBytes(2))
                                                       .map(wrapped -> new DataKey(keyId, userId, unwrap(wrapped))),
                            row.getBoolean(3));
                },
                UUID.fromString(keyId));
        return found.isEmpty() ? null : found.get(0);
    }

    boolean wasErased(String userId) {
        Integer erasures = jdbc.queryForObject("SELECT count(*) FROM personal_data_erasure WHERE user_id = ?",
                Integer.class, userId);
        return erasures != null && erasures > 0;
    }

    /** Destroys every key of the user and records the erasure, in the caller's transaction. */
    void destroy(String userId, String erasedBy, Instant at) {
        List<String> destroyed = jdbc.queryForList("UPDATE personal_data_key SET wrapped_key = NULL, destroyed_at = ? "
                + "WHERE user_id = ? AND destroyed_at IS NULL RETURNING key_id::text", String.class,
                Timestamp.from(at), userId);
        jdbc.update("INSERT INTO personal_data_erasure (user_id, erased_at, erased_by, keys_destroyed) VALUES (?, ?, ?, ?)",
                userId, Timestamp.from(at), erasedBy, destroyed.size());
        readKeys.invalidateAll(destroyed);
        keysOfThisTransaction().remove(userId);
    }

    /**
     * The keys this transaction has written under so far, by user, forgotten when it ends; outside a transaction
     * (nothing is written there) none are kept.
     */
    @SuppressWarnings("unchecked")
    private Map<String, DataKey> keysOfThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashMap<>();
        }
        Map<String, DataKey> keys = (Map<String, DataKey>) TransactionSynchronizationManager.getResource(this);
        if (keys == null) {
            Map<String, DataKey> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PersonalDataKeys.this);
                }
            });
            keys = fresh;
        }
        return keys;
    }

    private Optional<DataKey> liveKey(String userId) {
        return jdbc.query("SELECT key_id::text, wrapped_key FROM personal_data_key WHERE user_id = ? AND destroyed_at IS NULL",
                (row, i) -> new DataKey(row.getString(1), userId, unwrap(row.getBytes(2))), userId)
                   .stream().findFirst();
    }

    private SecretKey unwrap(byte[] wrapped) {
        return new SecretKeySpec(kek.unwrap(wrapped), "AES");
    }
}
