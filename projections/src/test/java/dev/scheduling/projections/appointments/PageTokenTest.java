package dev.scheduling.projections.appointments;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTokenTest {

    private static final String START = "2026-12-02T10:00:00.000000000Z";
    private static final String ID = "5d0c8a8e-0000-4000-8000-000000000001";

    @Test
    void a_token_decodes_to_what_was_encoded_and_is_url_safe() {
        PageToken token = new PageToken(START, ID);

        String encoded = token.encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(PageToken.decode(encoded)).contains(token);
    }

    @Test
    void the_token_continues_the_query_after_the_last_item_of_the_user() {
        assertThat(new PageToken(START, ID).exclusiveStartKey("alice"))
                .containsEntry("userId", AttributeValue.fromS("alice"))
                .containsEntry("start", AttributeValue.fromS(START))
                .containsEntry("appointmentId", AttributeValue.fromS(ID))
                .hasSize(3);
    }

    @Test
    void anything_the_service_did_not_issue_is_refused() {
        assertThat(PageToken.decode(null)).isEmpty();
        assertThat(PageToken.decode("not base64 !")).isEmpty();
        assertThat(PageToken.decode(encode(START))).isEmpty();
        assertThat(PageToken.decode(encode(START + "|" + ID + "|more"))).isEmpty();
        assertThat(PageToken.decode(encode("2026-12-02T10:00:00Z|" + ID))).isEmpty();
        assertThat(PageToken.decode(encode(START + "|not-a-uuid"))).isEmpty();
        assertThat(PageToken.decode(encode("2026-13-02T10:00:00.000000000Z|" + ID))).isEmpty();
        assertThat(PageToken.decode("A".repeat(201))).isEmpty();
    }

    @Test
    void a_token_holds_a_fixed_width_utc_start_and_a_uuid() {
        assertThatThrownBy(() -> new PageToken("2026-12-02T10:00Z", ID)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PageToken(START, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
