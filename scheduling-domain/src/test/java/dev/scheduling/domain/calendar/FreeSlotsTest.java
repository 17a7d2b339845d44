package dev.scheduling.domain.calendar;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static dev.scheduling.domain.calendar.AvailabilityTest.DR_LEE;
import static dev.scheduling.domain.calendar.AvailabilityTest.hours;
import static org.assertj.core.api.Assertions.assertThat;

/** Slot search, by example: Dr Lee's week (see {@link AvailabilityTest}), room 4's mornings, a day of bookings. */
class FreeSlotsTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final Instant WEDNESDAY = Instant.parse("2026-12-02T00:00:00Z");
    static final Duration HALF_HOUR = Duration.ofMinutes(30);
    /** Room 4: mornings 08:00-12:00 Amsterdam time, every weekday, no buffers, published. */
    static final AvailabilityRules ROOM_4 = new AvailabilityRules(ZoneId.of("Europe/Amsterdam"),
            Map.of(DayOfWeek.WEDNESDAY, List.of(hours("08:00", "12:00")), DayOfWeek.THURSDAY, List.of(hours("08:00", "12:00"))),
            null, null, null, null, null, true);

    static TimeSlot utc(String from, String to) {
        return new TimeSlot(Instant.parse("2026-12-02T" + from + ":00Z"), Instant.parse("2026-12-02T" + to + ":00Z"));
    }

    static FreeSlots.Search wednesday(Duration duration, Duration step, int limit) {
        return new FreeSlots.Search(WEDNESDAY, WEDNESDAY.plus(Duration.ofDays(1)), duration, step, NOW, limit);
    }

    @Test
    void a_free_day_offers_every_half_hour_of_its_hours() {
        List<TimeSlot> slots = FreeSlots.find(List.of(new FreeSlots.Calendar(DR_LEE, List.of())),
                wednesday(HALF_HOUR, HALF_HOUR, 500));

        assertThat(slots).hasSize(14).startsWith(utc("08:00", "08:30")).endsWith(utc("15:30", "16:00"))
                         .doesNotContain(utc("11:00", "11:30"));
    }

    @Test
    void appointments_and_the_ten_minutes_after_them_are_not_offered() {
        List<TimeSlot> slots = FreeSlots.find(List.of(new FreeSlots.Calendar(DR_LEE, List.of(utc("08:00", "08:45")))),
                wednesday(HALF_HOUR, Duration.ofMinutes(15), 3));

        assertThat(slots).containsExactly(utc("09:00", "09:30"), utc("09:15", "09:45"), utc("09:30", "10:00"));
    }

    @Test
    void the_next_slot_free_on_both_calendars() {
        List<TimeSlot> next = FreeSlots.find(List.of(new FreeSlots.Calendar(DR_LEE, List.of(utc("08:00", "09:30"))),
                        new FreeSlots.Calendar(ROOM_4, List.of(utc("09:30", "10:00")))),
                wednesday(HALF_HOUR, HALF_HOUR, 1));

        assertThat(next).containsExactly(utc("10:00", "10:30"));
    }

    @Test
    void nothing_is_offered_within_the_minimum_notice() {
        FreeSlots.Search search = new FreeSlots.Search(WEDNESDAY, WEDNESDAY.plus(Duration.ofDays(1)), HALF_HOUR,
                HALF_HOUR, Instant.parse("2026-12-02T08:10:00Z"), 1);

        assertThat(FreeSlots.find(List.of(new FreeSlots.Calendar(DR_LEE, List.of())), search))
                .as("two hours after 08:10, on the half-hour grid from 08:00").containsExactly(utc("10:30", "11:00"));
    }

    @Test
    void a_calendar_without_rules_is_open_on_a_grid_from_midnight_utc() {
        List<TimeSlot> slots = FreeSlots.find(List.of(new FreeSlots.Calendar(null, List.of(utc("00:00", "01:10")))),
                wednesday(HALF_HOUR, HALF_HOUR, 2));

        assertThat(slots).containsExactly(utc("01:30", "02:00"), utc("02:00", "02:30"));
    }

    @Test
    void busy_times_are_merged_and_cut_to_the_range() {
        List<TimeSlot> busy = FreeSlots.busyBetween(List.of(utc("10:00", "11:00"), utc("08:00", "09:00"),
                utc("09:00", "09:30"), utc("23:00", "23:59")), Instant.parse("2026-12-02T08:30:00Z"),
                Instant.parse("2026-12-02T23:30:00Z"));

        assertThat(busy).containsExactly(utc("08:30", "09:30"), utc("10:00", "11:00"), utc("23:00", "23:30"));
    }
}
