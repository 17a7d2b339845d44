package dev.scheduling.benchmarks;

import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop HTTP load: request i is due at {@code i / rate} seconds after the start, whether or not earlier ones
 * were answered, as users arrive at a booking page. Its latency is from when it was due to its whole response, so a
 * service that stalls is charged for every request that waited behind the stall (no coordinated omission). At most
 * {@code maxInFlight} requests are open at once; a request that waits for a free slot is still timed from when it
 * was due.
 */
final class OpenLoad {

    private OpenLoad() {
    }

    static Load.Result run(HttpClient http, double rate, Duration duration, int maxInFlight, Load.Requests requests) {
        long total = (long) (rate * duration.toNanos() / 1e9);
        long intervalNanos = (long) (1e9 / rate);
        Histogram latency = new Histogram(3_600_000_000L, 3);
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicLong answered = new AtomicLong();
        long started = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = started + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            }
            acquire(inFlight);
            http.sendAsync(requests.request(i), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                long micros = Math.max(1, (System.nanoTime() - due) / 1000);
                synchronized (latency) {
                    latency.recordValue(micros);
                }
                statuses.merge(failure == null ? response.statusCode() : -1, 1L, Long::sum);
                answered.incrementAndGet();
                inFlight.release();
            });
        }
        acquire(inFlight, maxInFlight);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Load.Result("open loop, Java async client", answered.get(), new TreeMap<>(statuses),
                percentile -> {
                    synchronized (latency) {
                        return latency.getValueAtPercentile(percentile);
                    }
                }, seconds, Double.NaN);
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void acquire(Semaphore semaphore) {
        acquire(semaphore, 1);
    }

    private static void acquire(Semaphore semaphore, int permits) {
        try {
            semaphore.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
