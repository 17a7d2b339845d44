package dev.scheduling.reminders;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReminderSettingsTest {

    private final ReminderSettings settings = new ReminderSettings(List.of(Duration.ofHours(24), Duration.ofHours(1)),
            Duration.ofSeconds(30), Duration.ofMinutes(15));

    @Test
    void the_wait_doubles_after_each_failed_attempt_from_the_first_delay() {
        assertThat(settings.retryDelay(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.retryDelay(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.retryDelay(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.retryDelay(5)).isEqualTo(Duration.ofMinutes(8));
    }

    @Test
    void the_wait_stops_growing_at_the_longest_delay_however_many_attempts_failed() {
        assertThat(settings.retryDelay(6)).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.retryDelay(1_000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void no_failed_attempt_yet_waits_the_first_delay() {
        assertThat(settings.retryDelay(0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void offsets_must_be_positive_and_different() {
        assertThatThrownBy(() -> new ReminderSettings(List.of(Duration.ZERO), Duration.ofSeconds(1),
                Duration.ofSeconds(2))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new ReminderSettings(List.of(Duration.ofHours(1), Duration.ofHours(1)),
                Duration.ofSeconds(1), Duration.ofSeconds(2))).isInstanceOf(IllegalArgumentException.class)
                                                              .hasMessageContaining("differ");
    }
}
