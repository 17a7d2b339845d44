package dev.scheduling.domain.calendar;

import org.junit.jupiter.api.Test;

import static dev.scheduling.domain.calendar.CalendarTestData.at;
import static dev.scheduling.domain.calendar.CalendarTestData.slot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeSlotTest {

    @Test
    void end_before_start_is_refused() {
        assertThatThrownBy(() -> new TimeSlot(at("11:00"), at("10:00")))
                .isInstanceOf(InvalidTimeSlotException.class);
    }

    @Test
    void end_equal_to_start_is_refused() {
        assertThatThrownBy(() -> new TimeSlot(at("10:00"), at("10:00")))
                .isInstanceOf(InvalidTimeSlotException.class);
    }

    @Test
    void slots_that_touch_do_not_overlap() {
        assertThat(slot("10:00", "11:00").overlaps(slot("11:00", "12:00"))).isFalse();
        assertThat(slot("11:00", "12:00").overlaps(slot("10:00", "11:00"))).isFalse();
    }

    @Test
    void slots_sharing_a_moment_overlap_either_way() {
        assertThat(slot("10:00", "11:00").overlaps(slot("10:59", "12:00"))).isTrue();
        assertThat(slot("10:59", "12:00").overlaps(slot("10:00", "11:00"))).isTrue();
    }
}
