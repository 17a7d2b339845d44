package dev.scheduling.domain.calendar;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static dev.scheduling.domain.calendar.AvailabilityTest.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules themselves: what makes them valid, and what their hours mean on days the clocks change. */
class AvailabilityRulesTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    static AvailabilityRules sundays(ZoneId zone, HoursRange... hours) {
        return new AvailabilityRules(zone, Map.of(DayOfWeek.SUNDAY, List.of(hours)), null, null, null, null, null, false);
    }

    static TimeSlot between(String start, String end) {
        return new TimeSlot(Instant.parse(start), Instant.parse(end));
    }

    @Test
    void every_mistake_is_named_with_its_field() {
        List<AvailabilityRules.Violation> violations = AvailabilityRules.violations(null,
                Map.of(DayOfWeek.MONDAY, List.of(hours("09:00", "12:00"), hours("11:00", "13:00"))),
                Map.of(LocalDate.parse("2027-12-24"), List.of(hours("10:00", "11:00"), hours("10:30", "10:45"))),
                Duration.ofMinutes(-5), Duration.ofHours(25), Duration.ofDays(2), Duration.ofDays(1));

        assertThat(violations).extracting(AvailabilityRules.Violation::field)
                              .containsExactlyInAnyOrder("timeZone", "weekly.MONDAY", "overrides.2027-12-24",
                                      "bufferBefore", "bufferAfter", "bookingHorizon");
    }

    @Test
    void valid_rules_have_no_violations_and_hours_that_touch_are_fine() {
        assertThat(AvailabilityRules.violations(AMSTERDAM,
                Map.of(DayOfWeek.MONDAY, List.of(hours("09:00", "12:00"), hours("12:00", "13:00"), hours("22:00", "24:00"))),
                Map.of(), null, null, null, null)).isEmpty();
    }

    @Test
    void invalid_rules_cannot_be_built() {
        assertThatThrownBy(() -> new AvailabilityRules(AMSTERDAM, null, null, null, null, null, null, false))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("weekly");
        assertThatThrownBy(() -> hours("17:00", "09:00")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> hours("09:00", "09:00")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void a_day_holds_at_most_twelve_ranges() {
        List<HoursRange> many = java.util.stream.IntStream.range(0, 13)
                .mapToObj(i -> new HoursRange(LocalTime.of(i, 0), LocalTime.of(i, 30))).toList();
        assertThat(AvailabilityRules.violations(AMSTERDAM, Map.of(DayOfWeek.MONDAY, many), null, null, null, null, null))
                .extracting(AvailabilityRules.Violation::reason).containsExactly("may hold at most 12 ranges of hours");
    }

    @Test
    void the_same_rules_given_in_another_order_are_equal() {
        AvailabilityRules one = new AvailabilityRules(AMSTERDAM,
                Map.of(DayOfWeek.MONDAY, List.of(hours("13:00", "17:00"), hours("09:00", "12:00"))), null,
                null, Duration.ofMinutes(10), null, null, true);
        AvailabilityRules other = new AvailabilityRules(AMSTERDAM,
                Map.of(DayOfWeek.MONDAY, List.of(hours("09:00", "12:00"), hours("13:00", "17:00"))), Map.of(),
                Duration.ZERO, Duration.ofMinutes(10), Duration.ZERO, null, true);
        assertThat(one).isEqualTo(other);
        assertThat(one.weekly().get(DayOfWeek.MONDAY)).extracting(HoursRange::toString)
                                                      .containsExactly("09:00-12:00", "13:00-17:00");
    }

    @Test
    void nine_to_five_is_nine_to_five_local_on_both_sides_of_a_change_of_the_clocks() {
        AvailabilityRules rules = sundays(AMSTERDAM, hours("09:00", "17:00"));
        // 2027-03-21 in winter time (UTC+1); 2027-03-28 is the day the clocks go forward (UTC+2 from 02:00)
        assertThat(rules.windows(Instant.parse("2027-03-21T00:00:00Z"), Instant.parse("2027-03-29T00:00:00Z")))
                .containsExactly(between("2027-03-21T08:00:00Z", "2027-03-21T16:00:00Z"),
                        between("2027-03-28T07:00:00Z", "2027-03-28T15:00:00Z"));
    }

    @Test
    void hours_in_the_spring_gap_move_forward_by_the_gap() {
        // 2027-03-28 in Amsterdam: 02:00 becomes 03:00, so 02:00-03:00 does not exist that day
        Instant day = Instant.parse("2027-03-28T00:00:00Z");
        assertThat(sundays(AMSTERDAM, hours("02:00", "02:45")).windows(day, day.plus(Duration.ofDays(1))))
                .as("02:00-02:45 is read as 03:00-03:45 summer time").containsExactly(between("2027-03-28T01:00:00Z", "2027-03-28T01:45:00Z"));
        assertThat(sundays(AMSTERDAM, hours("02:30", "04:00")).windows(day, day.plus(Duration.ofDays(1))))
                .as("02:30 is read as 03:30 summer time, 01:30 UTC").containsExactly(between("2027-03-28T01:30:00Z", "2027-03-28T02:00:00Z"));
    }

    /** Found by FreeSlotsPropertiesTest: the gap moves the earlier hours after the later ones, which were then lost. */
    @Test
    void hours_moved_by_the_gap_past_later_hours_are_windows_with_them() {
        Instant day = Instant.parse("2027-03-28T00:00:00Z");
        AvailabilityRules rules = sundays(AMSTERDAM, hours("02:30", "02:45"), hours("03:00", "03:30"));
        assertThat(rules.windows(day, day.plus(Duration.ofDays(1))))
                .as("03:00-03:30 summer time (01:00-01:30 UTC), then 02:30-02:45 read as 03:30-03:45 (01:30-01:45 UTC)")
                .containsExactly(between("2027-03-28T01:00:00Z", "2027-03-28T01:45:00Z"));
    }

    @Test
    void hours_that_the_gap_turns_inside_out_are_closed_that_day() {
        Instant day = Instant.parse("2027-03-28T00:00:00Z");
        AvailabilityRules rules = sundays(AMSTERDAM, hours("02:30", "03:00"));
        assertThat(rules.windows(day, day.plus(Duration.ofDays(1)))).as("03:30 to 03:00: nothing").isEmpty();
        assertThat(rules.isOpenThroughout(between("2027-03-28T01:00:00Z", "2027-03-28T01:15:00Z"))).isFalse();
    }

    @Test
    void hours_in_the_autumn_repeat_start_at_the_first_of_the_two_instants() {
        // 2027-10-31 in Amsterdam: 03:00 summer time becomes 02:00 winter time, so 02:00-03:00 happens twice
        Instant day = Instant.parse("2027-10-30T22:00:00Z");
        assertThat(sundays(AMSTERDAM, hours("02:30", "03:30")).windows(day, day.plus(Duration.ofDays(1))))
                .as("from 02:30 summer time (00:30 UTC) to 03:30 winter time (02:30 UTC): two hours")
                .containsExactly(between("2027-10-31T00:30:00Z", "2027-10-31T02:30:00Z"));
    }

    @Test
    void lord_howe_shifts_by_half_an_hour_and_its_hours_follow() {
        AvailabilityRules rules = sundays(LORD_HOWE, hours("09:00", "17:00"));
        // 2027-04-04: summer time (UTC+11) ends at 02:00, back to 01:30 (UTC+10:30)
        assertThat(rules.windows(Instant.parse("2027-03-27T12:00:00Z"), Instant.parse("2027-04-04T12:00:00Z")))
                .containsExactly(between("2027-03-27T22:00:00Z", "2027-03-28T06:00:00Z"),
                        between("2027-04-03T22:30:00Z", "2027-04-04T06:30:00Z"));
    }

    @Test
    void a_slot_may_run_on_through_hours_that_touch_across_midnight_but_not_across_a_gap() {
        AvailabilityRules nights = new AvailabilityRules(ZoneId.of("UTC"),
                Map.of(DayOfWeek.SATURDAY, List.of(hours("20:00", "24:00")), DayOfWeek.SUNDAY,
                        List.of(hours("00:00", "02:00"), hours("02:00", "04:00"), hours("05:00", "06:00"))),
                null, null, null, null, null, false);
        assertThat(nights.isOpenThroughout(between("2027-03-27T23:00:00Z", "2027-03-28T03:30:00Z"))).isTrue();
        assertThat(nights.isOpenThroughout(between("2027-03-27T23:00:00Z", "2027-03-28T04:30:00Z"))).isFalse();
        assertThat(nights.windows(Instant.parse("2027-03-27T00:00:00Z"), Instant.parse("2027-03-28T12:00:00Z")))
                .containsExactly(between("2027-03-27T20:00:00Z", "2027-03-28T04:00:00Z"),
                        between("2027-03-28T05:00:00Z", "2027-03-28T06:00:00Z"));
    }

    @Test
    void the_time_between_two_appointments_is_the_larger_buffer() {
        AvailabilityRules rules = new AvailabilityRules(AMSTERDAM, Map.of(), null, Duration.ofMinutes(5),
                Duration.ofMinutes(10), null, null, false);
        assertThat(rules.separation()).isEqualTo(Duration.ofMinutes(10));
    }
}
