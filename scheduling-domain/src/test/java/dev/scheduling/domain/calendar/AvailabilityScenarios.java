package dev.scheduling.domain.calendar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Random availability rules and appointments around changes of the clocks: Amsterdam and New York (an hour), Lord
 * Howe Island (half an hour), and UTC for contrast. Hours are on a half-hour grid with extra weight on the times the
 * clocks skip or repeat; slots on a five-minute grid.
 */
final class AvailabilityScenarios {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    static final ZoneId UTC = ZoneId.of("UTC");

    /** A zone and a day near one of its changes of the clocks: the scenario happens around it. */
    record Base(ZoneId zone, LocalDate day) {

        Instant midnight() {
            return ZonedDateTime.of(day, LocalTime.MIDNIGHT, zone).toInstant();
        }
    }

    /** The rules, the appointments the calendar holds already, the time of the request and the slot asked for. */
    record Scenario(AvailabilityRules rules, List<TimeSlot> appointments, Instant now, TimeSlot slot) {
    }

    private AvailabilityScenarios() {
    }

    static Arbitrary<Base> bases() {
        List<Base> changes = List.of(
                new Base(AMSTERDAM, LocalDate.parse("2027-03-28")), new Base(AMSTERDAM, LocalDate.parse("2027-10-31")),
                new Base(NEW_YORK, LocalDate.parse("2027-03-14")), new Base(NEW_YORK, LocalDate.parse("2027-11-07")),
                new Base(LORD_HOWE, LocalDate.parse("2027-04-04")), new Base(LORD_HOWE, LocalDate.parse("2027-10-03")),
                new Base(UTC, LocalDate.parse("2027-06-01")));
        return Combinators.combine(Arbitraries.of(changes), Arbitraries.integers().between(-2, 1))
                          .as((base, shift) -> new Base(base.zone(), base.day().plusDays(shift)));
    }

    static Arbitrary<AvailabilityRules> rules(Base base) {
        Arbitrary<Duration> buffer = Arbitraries.of(0, 0, 5, 10, 15, 30, 60).map(Duration::ofMinutes);
        Arbitrary<Duration> notice = Arbitraries.of(0, 0, 30, 120, 1440).map(Duration::ofMinutes);
        Arbitrary<Integer> horizonDays = Arbitraries.of(0, 0, 1, 2, 3, 10);
        return Combinators.combine(weekly(), overrides(base), buffer, buffer, notice, horizonDays,
                        Arbitraries.of(true, false))
                          .as((weekly, overrides, before, after, minimumNotice, days, published) -> {
                              Duration horizon = days == 0 ? null : Duration.ofDays(days);
                              if (horizon != null && horizon.compareTo(minimumNotice) <= 0) {
                                  horizon = null;
                              }
                              return new AvailabilityRules(base.zone(), weekly, overrides, before, after, minimumNotice,
                                      horizon, published);
                          });
    }

    /** Appointments in the days around the base, none overlapping another (as the calendar holds them). */
    static Arbitrary<List<TimeSlot>> appointments(Base base) {
        Arbitrary<TimeSlot> one = Combinators.combine(uniform(-2 * 288, 3 * 288),
                        Arbitraries.integers().between(1, 16))
                .as((fiveMinutes, quarters) -> {
                    Instant start = base.midnight().plus(Duration.ofMinutes(5L * fiveMinutes));
                    return new TimeSlot(start, start.plus(Duration.ofMinutes(15L * quarters)));
                });
        return one.list().ofMaxSize(20).map(AvailabilityScenarios::withoutOverlaps);
    }

    /**
     * A slot from two hours before the request to three days after it, mostly five minutes to an hour long, now and
     * then up to ten hours; on a five-minute grid from the base's midnight.
     */
    static Arbitrary<TimeSlot> slots(Base base, Instant now) {
        Arbitrary<Integer> length = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.integers().between(1, 12)),
                Tuple.of(1, Arbitraries.integers().between(1, 120)));
        long firstStep = Math.floorDiv(Duration.between(base.midnight(), now).toMinutes(), 5) - 24;
        return Combinators.combine(uniform(0, 24 + 3 * 288), length)
                          .as((fiveMinutes, fives) -> {
                              Instant start = base.midnight().plus(Duration.ofMinutes(5 * (firstStep + fiveMinutes)));
                              return new TimeSlot(start, start.plus(Duration.ofMinutes(5L * fives)));
                          });
    }

    /** The time of a request: up to two days before the base's midnight, to the minute. */
    static Arbitrary<Instant> nows(Base base) {
        return uniform(0, 48 * 60).map(minutes -> base.midnight().minus(Duration.ofMinutes(minutes)));
    }

    static Arbitrary<Scenario> scenarios() {
        return bases().flatMap(base -> nows(base).flatMap(now -> Combinators.combine(rules(base), appointments(base),
                slots(base, now)).as((rules, appointments, slot) -> new Scenario(rules, appointments, now, slot))));
    }

    private static Arbitrary<Map<DayOfWeek, List<HoursRange>>> weekly() {
        return day().list().ofSize(7).map(days -> {
            Map<DayOfWeek, List<HoursRange>> weekly = new EnumMap<>(DayOfWeek.class);
            for (int i = 0; i < 7; i++) {
                // a closed day is left out or given no hours: both mean closed
                if (!days.get(i).isEmpty() || i % 2 == 0) {
                    weekly.put(DayOfWeek.of(i + 1), days.get(i));
                }
            }
            return weekly;
        });
    }

    private static Arbitrary<Map<LocalDate, List<HoursRange>>> overrides(Base base) {
        Arbitrary<Map.Entry<LocalDate, List<HoursRange>>> one = Combinators.combine(
                Arbitraries.integers().between(-2, 3), day()).as((days, hours) -> Map.entry(base.day().plusDays(days), hours));
        return one.list().ofMaxSize(3).map(entries -> {
            Map<LocalDate, List<HoursRange>> overrides = new HashMap<>();
            entries.forEach(entry -> overrides.put(entry.getKey(), entry.getValue()));
            return overrides;
        });
    }

    /** Up to three ranges of hours of one day that do not overlap (they may touch). */
    private static Arbitrary<List<HoursRange>> day() {
        Arbitrary<Integer> startMinute = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 47).map(half -> half * 30)),
                Tuple.of(1, Arbitraries.of(90, 105, 120, 135, 150, 165, 180)), // what the clocks skip or repeat
                Tuple.of(1, Arbitraries.of(0, 1380)));                         // hours that run on from the day before
        Arbitrary<Integer> length = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 24).map(half -> half * 30)),
                Tuple.of(1, Arbitraries.of(15, 45)),
                Tuple.of(1, Arbitraries.just(1440)));                          // to the end of the day
        Arbitrary<HoursRange> range = Combinators.combine(startMinute, length).as((start, minutes) -> {
            int end = start + minutes;
            return new HoursRange(LocalTime.ofSecondOfDay(start * 60L),
                    end >= 1440 ? LocalTime.MIDNIGHT : LocalTime.ofSecondOfDay(end * 60L));
        });
        return range.list().ofMaxSize(3).map(ranges -> {
            List<HoursRange> kept = new ArrayList<>();
            ranges.stream().sorted().forEach(candidate -> {
                if (kept.stream().noneMatch(candidate::overlaps)) {
                    kept.add(candidate);
                }
            });
            return kept;
        });
    }

    /** Integers drawn evenly: jqwik's default draws small ones and the bounds more often, which here means "in the past". */
    private static Arbitrary<Integer> uniform(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    private static List<TimeSlot> withoutOverlaps(List<TimeSlot> slots) {
        List<TimeSlot> kept = new ArrayList<>();
        slots.stream().sorted(Comparator.comparing(TimeSlot::start)).forEach(slot -> {
            if (kept.stream().noneMatch(slot::overlaps)) {
                kept.add(slot);
            }
        });
        return kept;
    }
}
