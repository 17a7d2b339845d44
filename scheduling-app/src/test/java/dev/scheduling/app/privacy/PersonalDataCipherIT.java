package dev.scheduling.app.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.scheduling.app.support.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cipher and the data keys on a real PostgreSQL with the service's own migrations. */
class PersonalDataCipherIT {

    private static final String EVENT = "dev.scheduling.domain.calendar.AppointmentBooked";
    private static JdbcTemplate jdbc;
    private static KeyEncryptionKey kek;
    private static PersonalDataKeys keys;
    private static PersonalDataCipher cipher;

    @BeforeAll
    static void database() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestPostgres.newDatabase(), "postgres", "");
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        kek = LocalKeyEncryptionKey.of(Base64.getEncoder().encodeToString(Gcm.randomKey()));
        keys = new PersonalDataKeys(jdbc, kek, Duration.ofSeconds(5));
        cipher = new PersonalDataCipher(keys);
    }

    @Test
    void a_sealed_value_opens_to_its_plain_text_and_shows_nothing_of_it() {
        String user = user();
        ObjectNode sealed = cipher.seal("Dr. Who, knee", "title", scope(user));

        assertThat(sealed.toString()).doesNotContain("Dr. Who").contains("\"pd\":\"AES-256-GCM\"");
        assertThat(cipher.open(sealed, "title", EVENT)).isEqualTo("Dr. Who, knee");
    }

    @Test
    void every_value_gets_its_own_iv() {
        String user = user();
        ObjectNode first = cipher.seal("same", "title", scope(user));
        ObjectNode second = cipher.seal("same", "title", scope(user));

        assertThat(first.path("key")).isEqualTo(second.path("key"));
        assertThat(first.path("value")).isNotEqualTo(second.path("value"));
    }

    @Test
    void a_changed_value_does_not_open() {
        ObjectNode sealed = cipher.seal("Dr. Who", "title", scope(user()));
        byte[] bytes = Base64.getDecoder().decode(sealed.path("value").asText());
        bytes[bytes.length - 20] ^= 1;
        sealed.put("value", Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> cipher.open(sealed, "title", EVENT)).hasMessageContaining("does not decrypt");
    }

    @Test
    void a_value_moved_to_another_field_or_record_type_does_not_open() {
        ObjectNode sealed = cipher.seal("Dr. Who", "title", scope(user()));

        assertThatThrownBy(() -> cipher.open(sealed, "location", EVENT)).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> cipher.open(sealed, "title", "dev.scheduling.domain.calendar.AppointmentCancelled"))
                .hasMessageContaining("does not decrypt");
    }

    @Test
    void a_value_under_a_key_id_that_never_existed_is_an_error() {
        ObjectNode sealed = cipher.seal("Dr. Who", "title", scope(user()));
        sealed.put("key", UUID.randomUUID().toString());

        assertThatThrownBy(() -> cipher.open(sealed, "title", EVENT)).hasMessageContaining("unknown key");
    }

    @Test
    void a_value_of_an_erased_user_reads_as_null_and_the_user_gets_a_new_key_for_new_events_only() {
        String user = user();
        ObjectNode before = cipher.seal("Dr. Who", "title", scope(user));

        keys.destroy(user, "admin-1", Instant.now());

        assertThat(new PersonalDataCipher(new PersonalDataKeys(jdbc, kek, Duration.ofSeconds(5))).open(before, "title", EVENT))
                .as("on another node").isNull();
        assertThat(cipher.open(before, "title", EVENT)).as("on this node").isNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_key WHERE user_id = ? AND wrapped_key IS NOT NULL",
                Integer.class, user)).isZero();
        assertThatThrownBy(() -> cipher.seal("read before the erasure", "title", new PersonalDataScope(EVENT, List.of(user), false)))
                .hasMessageContaining("refusing to store personal data of erased user");
        ObjectNode after = cipher.seal("booked after the erasure", "title", scope(user));
        assertThat(after.path("key")).isNotEqualTo(before.path("key"));
        assertThat(cipher.open(after, "title", EVENT)).isEqualTo("booked after the erasure");
    }

    @Test
    void a_value_of_several_users_opens_while_all_their_keys_exist_and_with_none_after_any_one_is_erased() {
        String patient = user();
        String practitioner = user();
        String other = user();
        cipher.seal("their own", "title", scope(practitioner));
        ObjectNode sealed = cipher.seal("Knee, Dr. Who", "title", new PersonalDataScope(EVENT, List.of(practitioner, patient), true));

        assertThat(sealed.has("key")).isFalse();
        assertThat(sealed.path("keys")).hasSize(2);
        assertThat(sealed.toString()).doesNotContain("Knee");
        assertThat(cipher.open(sealed, "title", EVENT)).isEqualTo("Knee, Dr. Who");
        ObjectNode reordered = sealed.deepCopy();
        reordered.putArray("keys").add(sealed.path("keys").get(1)).add(sealed.path("keys").get(0));
        assertThatThrownBy(() -> cipher.open(reordered, "title", EVENT)).hasMessageContaining("does not decrypt");
        ObjectNode oneKey = sealed.deepCopy();
        oneKey.remove("keys");
        oneKey.set("key", sealed.path("keys").get(0));
        assertThatThrownBy(() -> cipher.open(oneKey, "title", EVENT)).as("one user's key alone")
                .hasMessageContaining("does not decrypt");
        ObjectNode notTheirs = cipher.seal("Knee, Dr. Who", "title", new PersonalDataScope(EVENT, List.of(other, patient), true));
        notTheirs.set("keys", sealed.path("keys"));
        assertThatThrownBy(() -> cipher.open(notTheirs, "title", EVENT)).hasMessageContaining("does not decrypt");

        keys.destroy(patient, "admin-1", Instant.now());

        assertThat(new PersonalDataCipher(new PersonalDataKeys(jdbc, kek, Duration.ofSeconds(5))).open(sealed, "title", EVENT))
                .as("on another node").isNull();
        assertThat(cipher.open(sealed, "title", EVENT)).as("on this node").isNull();
        assertThat(cipher.open(cipher.seal("theirs still", "title", scope(practitioner)), "title", EVENT))
                .as("the practitioner's own data").isEqualTo("theirs still");
        assertThat(cipher.textSealer(List.of(practitioner, patient), "read-model:appointment"))
                .as("no copy of the erased patient's data under a new key").isEmpty();
    }

    @Test
    void a_destroyed_key_of_a_user_not_recorded_as_erased_is_an_error_not_a_blank() {
        String user = user();
        ObjectNode sealed = cipher.seal("Dr. Who", "title", scope(user));
        jdbc.update("UPDATE personal_data_key SET wrapped_key = NULL, destroyed_at = now() WHERE user_id = ?", user);

        assertThatThrownBy(() -> new PersonalDataCipher(new PersonalDataKeys(jdbc, kek, Duration.ofSeconds(5))).open(sealed, "title", EVENT))
                .hasMessageContaining("not recorded as erased");
    }

    @Test
    void data_keys_are_stored_wrapped_and_another_key_encryption_key_cannot_open_them() {
        String user = user();
        ObjectNode sealed = cipher.seal("Dr. Who", "title", scope(user));
        byte[] wrapped = jdbc.queryForObject("SELECT wrapped_key FROM personal_data_key WHERE user_id = ?", byte[].class, user);
        assertThat(wrapped).hasSizeGreaterThan(Gcm.KEY_BYTES);

        KeyEncryptionKey another = LocalKeyEncryptionKey.of(Base64.getEncoder().encodeToString(Gcm.randomKey()));
        assertThatThrownBy(() -> new PersonalDataCipher(new PersonalDataKeys(jdbc, another, Duration.ofSeconds(5))).open(sealed, "title", EVENT))
                .hasMessageContaining("does not decrypt");
    }

    @Test
    void open_all_opens_every_sealed_value_of_a_stored_document() {
        String user = user();
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("appointmentId", "a-1");
        ObjectNode stored = event.putObject("details");
        stored.set("title", cipher.seal("Dr. Who", "title", scope(user)));
        stored.set("location", cipher.seal("Room 4", "location", scope(user)));

        cipher.openAll(event, EVENT);

        JsonNode details = event.path("details");
        assertThat(details.path("title")).isEqualTo(TextNode.valueOf("Dr. Who"));
        assertThat(details.path("location")).isEqualTo(TextNode.valueOf("Room 4"));
        assertThat(event.path("appointmentId").asText()).isEqualTo("a-1");
    }

    private static PersonalDataScope scope(String user) {
        return new PersonalDataScope(EVENT, List.of(user), true);
    }

    private static String user() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
