package dev.scheduling.benchmarks;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop HTTP load: {@code clients} threads, each sending its next request as soon as the previous one was
 * answered, until the time is up or {@code maxRequests} were sent. Latency is from just before the request is sent
 * to the whole response read, in microseconds.
 */
final class Load {

    /** The i-th request of the run (numbered across all clients, from 0). */
    @FunctionalInterface
    interface Requests {
        HttpRequest request(long i);
    }

    /** Latency at a percentile (0-100), in microseconds. */
    @FunctionalInterface
    interface Latency {
        double percentileMicros(double percentile);
    }

    /**
     * What a load phase did. {@code clientCpuSeconds} is what the load generator used when it ran as a process of its
     * own (wrk), or NaN when the clients were this JVM's threads (counted in the harness's CPU).
     */
    record Result(String client, long requests, Map<Integer, Long> statuses, Latency latency, double seconds,
                  double clientCpuSeconds) {

        double perSecond(int status) {
            return statuses.getOrDefault(status, 0L) / seconds;
        }

        long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        long serverErrors() {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= 500 || e.getKey() < 0)
                           .mapToLong(Map.Entry::getValue).sum();
        }

        double percentileMillis(double percentile) {
            return latency.percentileMicros(percentile) / 1000.0;
        }

        String describeStatuses() {
            StringBuilder text = new StringBuilder();
            statuses.forEach((status, count) -> text.append(text.isEmpty() ? "" : ", ")
                                                    .append(count).append(" x ").append(status < 0 ? "I/O error" : status));
            return text.toString();
        }

        /** "; load generator wrk: 0.31 cores" when it ran as a process of its own, else nothing. */
        String describeClientCpu() {
            return Double.isNaN(clientCpuSeconds) ? ""
                    : String.format("; load generator %s: %.2f cores", client, clientCpuSeconds / seconds);
        }
    }

    private Load() {
    }

    static Result run(HttpClient http, int clients, Duration duration, long maxRequests, Requests requests) {
        AtomicLong next = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Worker> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(new Worker(http, next, deadline, maxRequests, requests));
        }
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (Worker worker : workers) {
            Thread thread = new Thread(worker, "load-" + threads.size());
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Histogram latency = new Histogram(3_600_000_000L, 3);
        Map<Integer, Long> statuses = new TreeMap<>();
        long total = 0;
        for (Worker worker : workers) {
            latency.add(worker.latency);
            worker.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
            total += worker.sent;
        }
        return new Result("Java clients", total, statuses, latency::getValueAtPercentile, seconds, Double.NaN);
    }

    private static final class Worker implements Runnable {

        private final HttpClient http;
        private final AtomicLong next;
        private final long deadline;
        private final long maxRequests;
        private final Requests requests;
        private final Histogram latency = new Histogram(3_600_000_000L, 3);
        private final Map<Integer, Long> statuses = new TreeMap<>();
        private long sent;

        Worker(HttpClient http, AtomicLong next, long deadline, long maxRequests, Requests requests) {
            this.http = http;
            this.next = next;
            this.deadline = deadline;
            this.maxRequests = maxRequests;
            this.requests = requests;
        }

        @Override
        public void run() {
            while (System.nanoTime() < deadline) {
                long i = next.getAndIncrement();
                if (i >= maxRequests) {
                    return;
                }
                HttpRequest request = requests.request(i);
                long start = System.nanoTime();
                int status;
                try {
                    status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    status = -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                statuses.merge(status, 1L, Long::sum);
                sent++;
            }
        }
    }
}
