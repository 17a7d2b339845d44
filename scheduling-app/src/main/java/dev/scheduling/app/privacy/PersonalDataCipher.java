package dev.scheduling.app.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seals and opens personal values. A sealed value is stored as {@code {"pd":"AES-256-GCM","key":<key id>,
 * "value":<base64 of IV and cipher text>}}; the associated data binds it to its user, record type and field, so a
 * value copied elsewhere does not open. A plain string (written before encryption) reads as it is.
 * <p>
 * A value of several users (an appointment's title, personal data of every person taking part) is sealed under a key
 * made from all their keys, {@code {"pd":"AES-256-GCM","keys":[<key id>,...],"value":...}}: it opens only while every
 * one of them exists, so erasing any one of those users erases it.
 * <p>
 * A value whose key was destroyed by an erasure reads as {@code null}; one whose key id is unknown is an error.
 */
public final class PersonalDataCipher {

    static final String MARKER = "pd";
    static final String ALGORITHM = "AES-256-GCM";
    /** How a sealed value begins in stored JSON: a quick test before parsing a document. */
    public static final String SEALED_MARK = "\"" + MARKER + "\":\"" + ALGORITHM + "\"";
    private static final String KEY = "key";
    private static final String KEYS = "keys";
    private static final String VALUE = "value";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PersonalDataKeys keys;

    public PersonalDataCipher(PersonalDataKeys keys) {
        this.keys = keys;
    }

    ObjectNode seal(String plain, String field, PersonalDataScope scope) {
        if (scope == null || scope.subjects().isEmpty()) {
            throw new IllegalStateException("personal data (" + field + ") written outside a record that names its user");
        }
        List<PersonalDataKeys.DataKey> sealingKeys = scope.keys(keys);
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(MARKER, ALGORITHM);
        if (sealingKeys.size() == 1) {
            node.put(KEY, sealingKeys.get(0).id());
        } else {
            ArrayNode ids = node.putArray(KEYS);
            sealingKeys.forEach(key -> ids.add(key.id()));
        }
        byte[] sealed = Gcm.encrypt(JointKey.of(sealingKeys), plain.getBytes(StandardCharsets.UTF_8),
                associatedData(sealingKeys, scope.recordType(), field));
        node.put(VALUE, Base64.getEncoder().encodeToString(sealed));
        return node;
    }

    /** Seals the text values of one record kept outside the event store (the read model) under its user's key. */
    @FunctionalInterface
    public interface TextSealer {
        /** {@code plain} sealed, as the JSON text of a sealed value; null stays null. */
        String seal(String field, String plain);
    }

    /**
     * A sealer for the values of a {@code recordType} record of {@code userIds} (their keys together), kept outside the
     * event store; empty when one of them was erased and has written nothing since (such a copy is dropped: its data
     * no longer exists).
     */
    public Optional<TextSealer> textSealer(List<String> userIds, String recordType) {
        List<PersonalDataKeys.DataKey> found = new ArrayList<>();
        for (String userId : userIds.stream().distinct().sorted().toList()) {
            Optional<PersonalDataKeys.DataKey> key = keys.forCopying(userId);
            if (key.isEmpty()) {
                return Optional.empty();
            }
            found.add(key.get());
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("a " + recordType + " copy names no user");
        }
        PersonalDataScope scope = PersonalDataScope.sealingWith(recordType, found);
        return Optional.of((field, plain) -> plain == null ? null : seal(plain, field, scope).toString());
    }

    /** Opens what a {@link TextSealer} made; null for null, and for a value whose user's data was erased. */
    public String openText(String sealedJson, String field, String recordType) {
        if (sealedJson == null) {
            return null;
        }
        JsonNode sealed;
        try {
            sealed = MAPPER.readTree(sealedJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sealed " + field + " of a " + recordType + " is not JSON", e);
        }
        if (!isSealed(sealed)) {
            throw new IllegalStateException("a " + field + " of a " + recordType + " is stored unsealed");
        }
        return open(sealed, field, recordType);
    }

    static boolean isSealed(JsonNode node) {
        return node != null && node.isObject() && ALGORITHM.equals(node.path(MARKER).asText(null));
    }

    String open(JsonNode sealed, String field, String recordType) {
        List<String> keyIds = new ArrayList<>();
        if (sealed.has(KEYS)) {
            sealed.path(KEYS).forEach(id -> keyIds.add(id.asText()));
        } else {
            keyIds.add(sealed.path(KEY).asText());
        }
        List<PersonalDataKeys.DataKey> found = new ArrayList<>();
        boolean erased = false;
        for (String keyId : keyIds) {
            PersonalDataKeys.ReadKey key = keys.forReading(keyId).orElseThrow(() -> new IllegalStateException(
                    "personal data (" + field + " of a " + recordType + ") sealed under unknown key " + keyId));
            if (key.key().isEmpty()) {
                if (!key.userErased()) {
                    throw new IllegalStateException("personal data (" + field + " of a " + recordType
                            + ") sealed under key " + keyId + ", destroyed although its user is not recorded as erased");
                }
                erased = true;
            } else {
                found.add(key.key().get());
            }
        }
        if (erased) {
            return null; // destroyed by the erasure of one of its users
        }
        byte[] plain = Gcm.decrypt(JointKey.of(found), Base64.getDecoder().decode(sealed.path(VALUE).asText()),
                associatedData(found, recordType, field));
        return new String(plain, StandardCharsets.UTF_8);
    }

    /**
     * Opens every sealed value in a stored JSON document in place, for readers of the raw store (the audit export):
     * each value's field is its name in the enclosing object.
     */
    public void openAll(JsonNode document, String recordType) {
        if (document instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (isSealed(field.getValue())) {
                    String plain = open(field.getValue(), field.getKey(), recordType);
                    field.setValue(plain == null ? NullNode.instance : JsonNodeFactory.instance.textNode(plain));
                } else {
                    openAll(field.getValue(), recordType);
                }
            }
        } else if (document != null && document.isArray()) {
            document.forEach(element -> openAll(element, recordType));
        }
    }

    /** Binds a value to its users (in the order of their keys), record type and field. */
    private static byte[] associatedData(List<PersonalDataKeys.DataKey> sealingKeys, String recordType, String field) {
        String users = String.join(",", sealingKeys.stream().map(PersonalDataKeys.DataKey::userId).toList());
        return (users + "\n" + recordType + "\n" + field).getBytes(StandardCharsets.UTF_8);
    }
}
