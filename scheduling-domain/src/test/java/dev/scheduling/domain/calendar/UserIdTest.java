package dev.scheduling.domain.calendar;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Alice.Smith_01-x", "...a", "0123456789012345678901234567890123456789012345678901234567890123"})
    void accepts_ids_of_the_allowed_characters(String value) {
        assertThat(new UserId(value).toString()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "alice smith", "alice/bob", "ä", "01234567890123456789012345678901234567890123456789012345678901234"})
    void refuses_anything_else(String value) {
        assertThatThrownBy(() -> new UserId(value)).isInstanceOf(InvalidValueException.class);
    }
}
