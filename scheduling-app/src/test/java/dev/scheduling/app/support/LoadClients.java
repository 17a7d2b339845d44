package dev.scheduling.app.support;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client threads sending requests as fast as they are answered until stopped, each request's outcome kept: the
 * load under which the reliability tests inject their faults. A client that fails otherwise than by getting no answer
 * fails the test when the clients are stopped.
 */
public final class LoadClients implements AutoCloseable {

    /** What one request asked and got; status -1 when no answer came (connection refused or cut). */
    public record Outcome(String user, String request, int status, String appointmentId, String problemCode,
                          long millis) {

        public boolean answered() {
            return status > 0;
        }
    }

    /** The {@code i}-th request of the run (numbered across clients) sent by client {@code client}. */
    @FunctionalInterface
    public interface Operation {
        Outcome send(int client, long i);
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong next = new AtomicLong();
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();

    private LoadClients(int clients, Operation operation) {
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                try {
                    while (running.get()) {
                        outcomes.add(operation.send(client, next.getAndIncrement()));
                    }
                } catch (Throwable failure) {
                    failures.add(failure);
                }
            }, "load-client-" + c);
            thread.start();
            threads.add(thread);
        }
    }

    public static LoadClients start(int clients, Operation operation) {
        return new LoadClients(clients, operation);
    }

    /**
     * Sends one request and times it; an unanswered request is an outcome too (status -1), not an error of the test.
     * An answer whose body is not the problem document it should be keeps its status, with problem code
     * {@value #NOT_A_PROBLEM}.
     */
    public static Outcome timed(String user, String request, Api.Call call) {
        long started = System.nanoTime();
        Api.Response response;
        try {
            response = call.send();
        } catch (UncheckedIOException noAnswer) {
            return new Outcome(user, request, -1, null, null, (System.nanoTime() - started) / 1_000_000);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        String id = response.status() == 201 || response.status() == 200 ? response.json().path("id").asText(null) : null;
        return new Outcome(user, request, response.status(), id, response.status() >= 400 ? problemCode(response) : null,
                millis);
    }

    /** The problem code of an answer that should be a problem document but is not. */
    public static final String NOT_A_PROBLEM = "(not a problem document)";

    private static String problemCode(Api.Response response) {
        try {
            return response.problemCode();
        } catch (UncheckedIOException notJson) {
            return NOT_A_PROBLEM;
        }
    }

    /** Stops the clients; fails if one of them died of anything but an unanswered request. */
    public void stop() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        synchronized (failures) {
            if (!failures.isEmpty()) {
                AssertionError died = new AssertionError(failures.size() + " load client(s) died: " + failures.get(0),
                        failures.get(0));
                failures.stream().skip(1).forEach(died::addSuppressed);
                failures.clear();
                throw died;
            }
        }
    }

    public List<Outcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    /** "1200 x 201, 3 x 409": how many requests got each status. */
    public static String statuses(List<Outcome> outcomes) {
        Map<Integer, Integer> counts = new TreeMap<>();
        outcomes.forEach(o -> counts.merge(o.status(), 1, Integer::sum));
        StringBuilder text = new StringBuilder();
        counts.forEach((status, count) -> text.append(text.isEmpty() ? "" : ", ").append(count).append(" x ")
                                              .append(status < 0 ? "no answer" : status));
        return text.toString();
    }

    @Override
    public void close() {
        stop();
    }
}
