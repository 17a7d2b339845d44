package dev.scheduling.domain.calendar;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static dev.scheduling.domain.calendar.CalendarTestData.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A calendar with availability rules: Dr Lee works 09:00-12:00 and 13:00-17:00 in Amsterdam (UTC+1 in December:
 * 08:00-11:00 and 12:00-16:00 UTC on the test day, a Wednesday), needs ten minutes between patients, two hours' notice
 * and takes no booking more than 90 days ahead.
 */
class AvailabilityTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final List<HoursRange> WORKING_DAY = List.of(hours("09:00", "12:00"), hours("13:00", "17:00"));
    static final AvailabilityRules DR_LEE = new AvailabilityRules(AMSTERDAM,
            Map.of(DayOfWeek.MONDAY, WORKING_DAY, DayOfWeek.TUESDAY, WORKING_DAY, DayOfWeek.WEDNESDAY, WORKING_DAY,
                    DayOfWeek.THURSDAY, WORKING_DAY, DayOfWeek.FRIDAY, WORKING_DAY),
            Map.of(LocalDate.parse("2026-12-24"), List.of(), LocalDate.parse("2026-12-03"), List.of(hours("10:00", "14:00"))),
            Duration.ZERO, Duration.ofMinutes(10), Duration.ofHours(2), Duration.ofDays(90), true);

    private final FixtureConfiguration<UserCalendar> fixture = calendarFixture();

    static HoursRange hours(String start, String end) {
        return new HoursRange(LocalTime.parse(start), end.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(end));
    }

    static AvailabilityChanged rulesSet(AvailabilityRules rules) {
        return new AvailabilityChanged(ALICE, rules);
    }

    /** The test day's {@code from}-{@code to}, in UTC. */
    static TimeSlot utc(String from, String to) {
        return slot(from, to);
    }

    @Nested
    class SettingTheRules {

        @Test
        void rules_create_the_calendar_and_are_recorded_whole() {
            fixture.givenNoPriorActivity()
                   .when(new SetAvailability(ALICE, DR_LEE))
                   .expectEvents(rulesSet(DR_LEE))
                   .expectResultMessagePayload(true);
        }

        @Test
        void the_same_rules_again_change_nothing() {
            fixture.given(rulesSet(DR_LEE))
                   .when(new SetAvailability(ALICE, DR_LEE))
                   .expectNoEvents()
                   .expectResultMessagePayload(false);
        }

        @Test
        void removing_them_opens_the_calendar_again() {
            fixture.given(rulesSet(DR_LEE))
                   .when(new RemoveAvailability(ALICE))
                   .expectEvents(rulesSet(null))
                   .expectResultMessagePayload(true);
            fixture.given(rulesSet(DR_LEE), rulesSet(null))
                   .when(new RemoveAvailability(ALICE))
                   .expectNoEvents()
                   .expectResultMessagePayload(false);
            fixture.given(rulesSet(DR_LEE), rulesSet(null))
                   .when(book(1, utc("20:00", "21:00")))
                   .expectEvents(booked(1, utc("20:00", "21:00")));
        }

        @Test
        void removing_rules_from_a_calendar_that_does_not_exist_makes_none() {
            fixture.givenNoPriorActivity()
                   .when(new RemoveAvailability(ALICE))
                   .expectException(AggregateNotFoundException.class)
                   .expectNoEvents();
        }

        @Test
        void changing_the_rules_keeps_every_appointment() {
            fixture.given(booked(1, utc("20:00", "21:00")))
                   .when(new SetAvailability(ALICE, DR_LEE))
                   .expectEvents(rulesSet(DR_LEE))
                   .expectState(calendar -> assertThat(calendar.state().booked()).hasSize(1));
        }

        @Test
        void a_calendar_with_rules_alone_holds_nothing_to_erase() {
            fixture.given(rulesSet(DR_LEE))
                   .when(new ErasePersonalData(ALICE))
                   .expectNoEvents()
                   .expectResultMessagePayload(false);
        }
    }

    @Nested
    class Hours {

        @Test
        void a_slot_inside_the_hours_is_booked() {
            fixture.given(rulesSet(DR_LEE))
                   .when(book(1, utc("08:00", "08:30")))
                   .expectEvents(booked(1, utc("08:00", "08:30")));
        }

        @Test
        void a_slot_before_the_day_starts_is_refused() {
            fixture.given(rulesSet(DR_LEE))
                   .when(book(1, utc("07:30", "08:30")))
                   .expectException(OutsideAvailabilityException.class)
                   .expectNoEvents();
        }

        @Test
        void a_slot_across_lunch_is_refused() {
            fixture.given(rulesSet(DR_LEE))
                   .when(book(1, utc("10:30", "11:30")))
                   .expectException(OutsideAvailabilityException.class);
        }

        @Test
        void a_slot_ending_exactly_when_the_hours_end_is_booked() {
            fixture.given(rulesSet(DR_LEE))
                   .when(book(1, utc("15:30", "16:00")))
                   .expectEvents(booked(1, utc("15:30", "16:00")));
        }

        @Test
        void an_override_replaces_the_hours_of_its_date() {
            Instant thursdayNoon = Instant.parse("2026-12-03T11:00:00Z"); // 12:00 in Amsterdam, lunch on other days
            TimeSlot slot = new TimeSlot(thursdayNoon, thursdayNoon.plus(Duration.ofMinutes(30)));
            fixture.given(rulesSet(DR_LEE))
                   .when(book(1, slot))
                   .expectEvents(booked(1, slot));
            TimeSlot morning = new TimeSlot(Instant.parse("2026-12-03T08:00:00Z"), Instant.parse("2026-12-03T08:30:00Z"));
            fixture.given(rulesSet(DR_LEE))
                   .when(book(2, morning))
                   .expectException(OutsideAvailabilityException.class);
        }

        @Test
        void a_closed_date_takes_no_booking() {
            TimeSlot christmasEve = new TimeSlot(Instant.parse("2026-12-24T09:00:00Z"), Instant.parse("2026-12-24T09:30:00Z"));
            fixture.given(rulesSet(DR_LEE))
                   .when(book(1, christmasEve))
                   .expectException(OutsideAvailabilityException.class);
        }

        @Test
        void a_weekday_left_out_is_closed() {
            TimeSlot saturday = new TimeSlot(Instant.parse("2026-12-05T09:00:00Z"), Instant.parse("2026-12-05T09:30:00Z"));
            fixture.given(rulesSet(DR_LEE))
                   .when(book(1, saturday))
                   .expectException(OutsideAvailabilityException.class);
        }

        @Test
        void hours_that_touch_across_midnight_are_one_window() {
            AvailabilityRules nights = new AvailabilityRules(ZoneId.of("UTC"),
                    Map.of(DayOfWeek.WEDNESDAY, List.of(hours("22:00", "24:00")),
                            DayOfWeek.THURSDAY, List.of(hours("00:00", "06:00"))),
                    null, null, null, null, null, false);
            TimeSlot acrossMidnight = new TimeSlot(Instant.parse("2026-12-02T23:00:00Z"), Instant.parse("2026-12-03T01:00:00Z"));
            fixture.given(rulesSet(nights))
                   .when(book(1, acrossMidnight))
                   .expectEvents(booked(1, acrossMidnight));
            TimeSlot pastTheNight = new TimeSlot(Instant.parse("2026-12-03T05:00:00Z"), Instant.parse("2026-12-03T06:30:00Z"));
            fixture.given(rulesSet(nights))
                   .when(book(2, pastTheNight))
                   .expectException(OutsideAvailabilityException.class);
        }

        @Test
        void the_refusal_says_which_slot_and_in_which_zone_the_hours_are() {
            fixture.given(rulesSet(DR_LEE))
                   .when(book(1, utc("07:30", "08:30")))
                   .expectException(refusal(CalendarError.OUTSIDE_AVAILABILITY, Map.of("start", "2026-12-02T07:30:00Z",
                           "end", "2026-12-02T08:30:00Z", "timeZone", "Europe/Amsterdam")));
        }
    }

    @Nested
    class NoticeAndHorizon {

        @Test
        void a_booking_needs_the_minimum_notice() {
            Instant requestedAt = at("07:00"); // 2 hours before 09:00 UTC
            fixture.given(rulesSet(DR_LEE))
                   .when(new BookAppointment(ALICE, appointmentId(1), utc("08:30", "09:00"), DETAILS, requestedAt))
                   .expectException(refusal(CalendarError.NOTICE_TOO_SHORT,
                           Map.of("start", "2026-12-02T08:30:00Z", "earliestStart", "2026-12-02T09:00:00Z")))
                   .expectNoEvents();
            fixture.given(rulesSet(DR_LEE))
                   .when(new BookAppointment(ALICE, appointmentId(1), utc("09:00", "09:30"), DETAILS, requestedAt))
                   .expectEvents(booked(1, utc("09:00", "09:30")));
        }

        @Test
        void a_booking_may_start_at_most_the_horizon_ahead() {
            Instant inNinetyDays = NOW.plus(Duration.ofDays(90)); // 2027-03-01T08:00Z, a Monday, 09:00 in Amsterdam
            TimeSlot atTheHorizon = new TimeSlot(inNinetyDays, inNinetyDays.plus(Duration.ofMinutes(30)));
            fixture.given(rulesSet(DR_LEE))
                   .when(book(1, atTheHorizon))
                   .expectEvents(booked(1, atTheHorizon));
            TimeSlot beyond = new TimeSlot(inNinetyDays.plus(Duration.ofMinutes(30)), inNinetyDays.plus(Duration.ofMinutes(60)));
            fixture.given(rulesSet(DR_LEE))
                   .when(book(2, beyond))
                   .expectException(refusal(CalendarError.BEYOND_BOOKING_HORIZON,
                           Map.of("start", "2027-03-01T08:30:00Z", "latestStart", "2027-03-01T08:00:00Z")));
        }
    }

    @Nested
    class Buffers {

        @Test
        void the_buffer_after_an_appointment_keeps_the_next_one_away() {
            fixture.given(rulesSet(DR_LEE), booked(1, utc("08:00", "08:30")))
                   .when(book(2, utc("08:35", "09:00")))
                   .expectException(overlapWith(1, utc("08:00", "08:30")))
                   .expectNoEvents();
            fixture.given(rulesSet(DR_LEE), booked(1, utc("08:00", "08:30")))
                   .when(book(2, utc("08:40", "09:00")))
                   .expectEvents(booked(2, utc("08:40", "09:00")));
        }

        @Test
        void a_new_appointment_keeps_its_own_buffer_free_of_the_next_one() {
            fixture.given(rulesSet(DR_LEE), booked(1, utc("09:00", "09:30")))
                   .when(book(2, utc("08:25", "08:55")))
                   .expectException(overlapWith(1, utc("09:00", "09:30")));
            fixture.given(rulesSet(DR_LEE), booked(1, utc("09:00", "09:30")))
                   .when(book(2, utc("08:20", "08:50")))
                   .expectEvents(booked(2, utc("08:20", "08:50")));
        }

        @Test
        void a_moved_appointment_keeps_the_buffers_too_but_not_from_itself() {
            fixture.given(rulesSet(DR_LEE), booked(1, utc("08:00", "08:30")), booked(2, utc("09:00", "09:30")))
                   .when(reschedule(1, utc("08:25", "08:55")))
                   .expectException(overlapWith(2, utc("09:00", "09:30")));
            fixture.given(rulesSet(DR_LEE), booked(1, utc("08:00", "08:30")), booked(2, utc("09:00", "09:30")))
                   .when(reschedule(1, utc("08:10", "08:40")))
                   .expectEvents(rescheduled(1, utc("08:00", "08:30"), utc("08:10", "08:40")));
        }
    }

    @Nested
    class Override {

        @Test
        void staff_may_book_outside_the_hours_and_the_event_says_so() {
            fixture.given(rulesSet(DR_LEE))
                   .when(new BookAppointment(ALICE, appointmentId(1), utc("18:00", "18:30"), DETAILS, NOW, true))
                   .expectEvents(new AppointmentBooked(ALICE, appointmentId(1), utc("18:00", "18:30"), DETAILS,
                           List.of("outside-availability")));
        }

        @Test
        void an_override_names_every_rule_it_broke() {
            Instant requestedAt = at("09:30"); // the earliest start is 11:30
            fixture.given(rulesSet(DR_LEE))
                   .when(new BookAppointment(ALICE, appointmentId(1), utc("11:00", "11:30"), DETAILS, requestedAt, true))
                   .expectEvents(new AppointmentBooked(ALICE, appointmentId(1), utc("11:00", "11:30"), DETAILS,
                           List.of("outside-availability", "notice-too-short")));
        }

        @Test
        void an_override_that_breaks_nothing_records_nothing() {
            fixture.given(rulesSet(DR_LEE))
                   .when(new BookAppointment(ALICE, appointmentId(1), utc("08:00", "08:30"), DETAILS, NOW, true))
                   .expectEvents(booked(1, utc("08:00", "08:30")));
        }

        @Test
        void an_override_never_lets_an_overlap_or_a_buffer_through() {
            fixture.given(rulesSet(DR_LEE), booked(1, utc("18:00", "18:30")))
                   .when(new BookAppointment(ALICE, appointmentId(2), utc("18:35", "19:00"), DETAILS, NOW, true))
                   .expectException(overlapWith(1, utc("18:00", "18:30")));
        }

        @Test
        void a_move_may_be_overridden_too() {
            fixture.given(rulesSet(DR_LEE), booked(1, utc("08:00", "08:30")))
                   .when(new RescheduleAppointment(ALICE, appointmentId(1), utc("19:00", "19:30"), NOW, true))
                   .expectEvents(new AppointmentRescheduled(ALICE, appointmentId(1), utc("08:00", "08:30"),
                           utc("19:00", "19:30"), DETAILS, List.of("outside-availability")));
            fixture.given(rulesSet(DR_LEE), booked(1, utc("08:00", "08:30")))
                   .when(reschedule(1, utc("19:00", "19:30")))
                   .expectException(OutsideAvailabilityException.class);
        }
    }
}
