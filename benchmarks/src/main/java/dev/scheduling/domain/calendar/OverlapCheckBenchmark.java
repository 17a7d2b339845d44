package dev.scheduling.domain.calendar;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * B5: the calendar's overlap check ({@link ActiveSchedule#conflictWith}) against 10, 1k and 100k active
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

    @Param({"10", "1000", "100000"})
    public int activeAppointments;

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
}
