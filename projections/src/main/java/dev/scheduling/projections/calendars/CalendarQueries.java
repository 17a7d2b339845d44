package dev.scheduling.projections.calendars;

import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.projections.appointments.AppointmentTable;
import org.axonframework.queryhandling.QueryHandler;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers what slot search, free/busy and the rules' own endpoint ask of the read model: a calendar's rules from the
 * {@code calendars} table, its booked appointments from one query of the {@code appointments} table's index. The
 * calendars of one search are read in parallel.
 */
public class CalendarQueries implements AutoCloseable {

    /** The most appointments one calendar's range may hold for a search (31 days of five-minute appointments fit). */
    public static final int MAX_APPOINTMENTS_READ = 10_000;

    private final CalendarTable calendars;
    private final AppointmentTable appointments;
    private final Duration longestAppointment;
    private final ExecutorService readers;
    private final Clock clock;

    /**
     * @param longestAppointment the longest an appointment can last: a range also looks that far back
     * @param readers            how many calendars of one search are read at once
     * @param clock              what holds are live against
     */
    public CalendarQueries(CalendarTable calendars, AppointmentTable appointments, Duration longestAppointment,
                           int readers, Clock clock) {
        this.clock = clock;
        this.calendars = calendars;
        this.appointments = appointments;
        this.longestAppointment = longestAppointment;
        this.readers = readers(readers);
    }

    @QueryHandler
    public AvailabilityView handle(FindAvailability query) {
        return new AvailabilityView(query.calendarId(),
                calendars.get(query.calendarId()).map(CalendarItem::rules).orElse(null));
    }

    @QueryHandler
    public Schedules handle(FindSchedules query) {
        if (query.calendarIds().size() == 1) {
            return new Schedules(List.of(schedule(query.calendarIds().get(0), query)));
        }
        List<CompletableFuture<Schedules.Schedule>> reads = new ArrayList<>();
        for (String calendarId : query.calendarIds()) {
            reads.add(CompletableFuture.supplyAsync(() -> schedule(calendarId, query), readers));
        }
        try {
            return new Schedules(reads.stream().map(CompletableFuture::join).toList());
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    @Override
    public void close() {
        readers.shutdown();
    }

    private Schedules.Schedule schedule(String calendarId, FindSchedules query) {
        CalendarItem calendar = calendars.get(calendarId).orElse(null);
        List<TimeSlot> busy = appointments.bookedSlots(calendarId, query.from(), query.to(), longestAppointment,
                MAX_APPOINTMENTS_READ);
        List<TimeSlot> held = calendar == null ? List.of() : calendar.heldSlots(clock.instant(), query.from(), query.to());
        if (!held.isEmpty()) {
            busy = new ArrayList<>(busy);
            busy.addAll(held);
            busy.sort(Comparator.comparing(TimeSlot::start));
        }
        return new Schedules.Schedule(calendarId, calendar == null ? null : calendar.rules(), busy);
    }

    private static ExecutorService readers(int readers) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(readers, readers, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "calendar-reader-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
