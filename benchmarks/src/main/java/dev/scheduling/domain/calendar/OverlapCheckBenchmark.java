package dev.scheduling.domain.calendar;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * B5: the calendar's overlap check (and, in {@link #checkWithRules}, every check it makes of a slot when it has
 * availability rules) ({@link ActiveSchedule#conflictWith}) against 10, 1k and 100k active
 * appointments, for slots anywhere in the calendar: half of them collide with an appointment, half fall in a gap.
 * In the calendar's package because the schedule is the aggregate's own, not a public type.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OverlapCheckBenchmark {

    private static final Instant EPOCH = Instant.parse("2027-01-01T00:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(60);
    private static final Duration LENGTH = Duration.ofMinutes(30);
    private static final int PROBES = 4096;
    private static final List<HoursRange> DAY = List.of(new HoursRange(LocalTime.of(9, 0), LocalTime.of(12, 0)),
            new HoursRange(LocalTime.of(13, 0), LocalTime.of(17, 0)));

    @Param({"10", "1000", "100000"})
    public int activeAppointments;

    /** Dr Lee's week (Amsterdam, weekdays 09:00-12:00 and 13:00-17:00), ten minutes after each, notice, horizon. */
    private static final AvailabilityRules RULES = new AvailabilityRules(ZoneId.of("Europe/Amsterdam"),
            Map.of(DayOfWeek.MONDAY, DAY, DayOfWeek.TUESDAY, DAY, DayOfWeek.WEDNESDAY, DAY, DayOfWeek.THURSDAY, DAY,
                    DayOfWeek.FRIDAY, DAY),
            Map.of(LocalDate.parse("2027-12-24"), List.of()), Duration.ZERO, Duration.ofMinutes(10),
            Duration.ofHours(2), Duration.ofDays(3650), true);
    private static final Instant REQUESTED_AT = EPOCH.minus(Duration.ofDays(1));

    private ActiveSchedule schedule;
    private TimeSlot[] probes;
    private int next;

    @Setup
    public void setUp() {
        schedule = new ActiveSchedule();
        for (int i = 0; i < activeAppointments; i++) {
            Instant start = EPOCH.plus(STEP.multipliedBy(i));
            schedule.add(new AppointmentId(UUID.randomUUID()), new TimeSlot(start, start.plus(LENGTH)));
        }
        SplittableRandom random = new SplittableRandom(8);
        probes = new TimeSlot[PROBES];
        for (int i = 0; i < PROBES; i++) {
            // a 20-minute slot starting anywhere in the hour of a random appointment: overlaps it or falls in the gap
            Instant start = EPOCH.plus(STEP.multipliedBy(random.nextInt(activeAppointments)))
                                 .plus(Duration.ofMinutes(random.nextInt(60)));
            probes[i] = new TimeSlot(start, start.plus(Duration.ofMinutes(20)));
        }
    }

    @Benchmark
    public Optional<ActiveSchedule.Entry> conflictWith() {
        TimeSlot probe = probes[next++ & (PROBES - 1)];
        return schedule.conflictWith(probe, null);
    }

    /**
     * What the calendar checks of a slot when it has availability rules, as {@code UserCalendar} does it: open
     * throughout (the slot's local day's windows), notice and horizon, then the overlap check of the slot widened by
     * the buffers. Refusals are counted rather than thrown, so that the figure is the check's and not an exception's.
     */
    @Benchmark
    public int checkWithRules() {
        TimeSlot probe = probes[next++ & (PROBES - 1)];
        int refusals = RULES.isOpenThroughout(probe) ? 0 : 1;
        if (probe.start().isBefore(RULES.earliestStart(REQUESTED_AT))) {
            refusals++;
        }
        Instant latest = RULES.latestStart(REQUESTED_AT);
        if (latest != null && probe.start().isAfter(latest)) {
            refusals++;
        }
        Duration separation = RULES.separation();
        TimeSlot kept = new TimeSlot(probe.start().minus(separation), probe.end().plus(separation));
        return schedule.conflictWith(kept, null).isPresent() ? refusals + 4 : refusals;
    }
}
