package dev.scheduling.projections.appointments;

import dev.scheduling.projections.dynamodb.UtcInstants;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a listing goes on: the start and id of the last appointment returned. Opaque to clients (base64url); a
 * token that does not decode to exactly that is refused rather than passed to DynamoDB.
 */
public record PageToken(String start, String appointmentId) {

    private static final Pattern FIXED_WIDTH_INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");

    public PageToken {
        if (start == null || !FIXED_WIDTH_INSTANT.matcher(start).matches()) {
            throw new IllegalArgumentException("bad start");
        }
        UtcInstants.parse(start);
        UUID.fromString(appointmentId);
    }

    public static Optional<PageToken> decode(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
            return parts.length == 2 ? Optional.of(new PageToken(parts[0], parts[1])) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                     .encodeToString((start + "|" + appointmentId).getBytes(StandardCharsets.UTF_8));
    }

    Map<String, AttributeValue> exclusiveStartKey(String userId) {
        return Map.of("appointmentId", AttributeValue.fromS(appointmentId), "userId", AttributeValue.fromS(userId),
                "start", AttributeValue.fromS(start));
    }

    static PageToken after(AppointmentItem item) {
        return new PageToken(item.getStart(), item.getAppointmentId());
    }

    /** Where DynamoDB stopped reading a listing ({@code LastEvaluatedKey} of the user-and-start index). */
    static PageToken at(Map<String, AttributeValue> lastEvaluatedKey) {
        return new PageToken(lastEvaluatedKey.get("start").s(), lastEvaluatedKey.get("appointmentId").s());
    }
}
