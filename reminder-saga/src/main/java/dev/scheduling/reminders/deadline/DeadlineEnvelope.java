package dev.scheduling.reminders.deadline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

import java.time.Instant;

/**
 * A deadline as the text a schedule delivers to the queue: its name and id, when it is due, the scope to deliver it
 * to, its payload and metadata, each serialized by Axon's serializer (JSON), so that it reads plainly in the AWS
 * console and a dead-letter queue.
 */
record DeadlineEnvelope(String deadlineId, ScopeDescriptor scope, DeadlineMessage<?> message) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String write(String deadlineName, String deadlineId, ScopeDescriptor scope, DeadlineMessage<?> message,
                        Serializer serializer) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("deadlineName", deadlineName);
        envelope.put("deadlineId", deadlineId);
        envelope.put("messageId", message.getIdentifier());
        envelope.put("triggerAt", message.getTimestamp().toString());
        envelope.set("scope", serialized(serializer.serialize(scope, String.class)));
        envelope.set("payload", serialized(serializer.serialize(message.getPayload(), String.class)));
        envelope.set("metadata", serialized(serializer.serialize(message.getMetaData(), String.class)));
        return envelope.toString();
    }

    /** Reads what {@link #write} wrote; anything else is an {@link IllegalArgumentException}. */
    static DeadlineEnvelope read(String text, Serializer serializer) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a deadline: " + e.getOriginalMessage(), e);
        }
        String deadlineName = required(envelope, "deadlineName").asText();
        String deadlineId = required(envelope, "deadlineId").asText();
        String messageId = required(envelope, "messageId").asText();
        Instant triggerAt = Instant.parse(required(envelope, "triggerAt").asText());
        ScopeDescriptor scope = serializer.deserialize(deserializable(required(envelope, "scope")));
        Object payload = serializer.deserialize(deserializable(required(envelope, "payload")));
        MetaData metaData = serializer.deserialize(deserializable(required(envelope, "metadata")));
        DeadlineMessage<?> message = new GenericDeadlineMessage<>(deadlineName,
                new GenericMessage<>(messageId, payload, metaData), () -> triggerAt);
        return new DeadlineEnvelope(deadlineId, scope, message);
    }

    /** The deadline's name and scope as written, for matching without deserializing the payload. */
    static boolean matches(String text, String deadlineName, String serializedScope) {
        try {
            JsonNode envelope = JSON.readTree(text);
            return deadlineName.equals(envelope.path("deadlineName").asText())
                    && (serializedScope == null || serializedScope.equals(envelope.path("scope").path("data").asText()));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static ObjectNode serialized(SerializedObject<String> object) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", object.getType().getName());
        node.put("revision", object.getType().getRevision());
        node.put("data", object.getData());
        return node;
    }

    private static SimpleSerializedObject<String> deserializable(JsonNode node) {
        return new SimpleSerializedObject<>(required(node, "data").asText(), String.class,
                required(node, "type").asText(), node.path("revision").isNull() ? null : node.path("revision").asText(null));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Not a deadline: no " + field);
        }
        return value;
    }
}
