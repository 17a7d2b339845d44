package dev.scheduling.app;

import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients race for overlapping slots of one calendar, on one node and across two nodes sharing one
 * PostgreSQL. Exactly one wins each contested slot, the others get 409, nobody gets a 5xx, and the event store
 * itself never holds two overlapping active appointments.
 */
class ConcurrentBookingIT {

    private static final int CLIENTS = 32;
    private static final int ROUNDS = 12;
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void thirty_two_clients_on_one_node_one_winner_per_contested_slot() throws Exception {
        String database = TestPostgres.newDatabase();
        try (RunningService node = RunningService.onDatabase(database)) {
            race(database, client -> node.api(), "single");
        }
    }

    /**
     * Every odd round books the same calendar, which each node keeps in its cache: the node that did not win the last
     * round holds a stale calendar, accepts on it, and its append loses to the other node's (duplicate sequence).
     */
    @Test
    void two_nodes_on_one_database_race_each_other_and_never_store_an_overlap() throws Exception {
        String database = TestPostgres.newDatabase();
        try (RunningService first = RunningService.onDatabase(database);
             RunningService second = RunningService.onDatabase(database)) {
            race(database, client -> client % 2 == 0 ? first.api() : second.api(), "two-nodes");

            // the races did cross the nodes: appends of one node lost to the other's and were retried, never stored twice
            double lostRaces = lostRaces(first) + lostRaces(second);
            assertThat(lostRaces).as("appends that lost a race to the other node and were retried").isPositive();
            System.out.printf("two nodes: %d rounds x %d clients, %.0f appends lost a race across nodes and were retried%n",
                    ROUNDS, CLIENTS, lostRaces);
        }
    }

    /**
     * Each round, all clients start together on one contested hour: every requested slot overlaps every other, so
     * exactly one can win. Even rounds use a calendar that does not exist yet (the race to create it), odd rounds
     * one calendar that keeps growing.
     */
    private static void race(String database, IntFunction<Api> apiOfClient, String prefix) throws Exception {
        EventStoreReader eventStore = new EventStoreReader(database);
        Map<Integer, Integer> statuses = new TreeMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String user = round % 2 == 0 ? prefix + "-new-" + round : prefix + "-busy";
                Instant contested = day(30).plus(HOUR.multipliedBy(3L * round));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Response>> answers = new ArrayList<>();
                for (int client = 0; client < CLIENTS; client++) {
                    Api api = apiOfClient.apply(client);
                    Instant start = contested.plus(Duration.ofMinutes(client % 6 * 5L));
                    answers.add(clients.submit(() -> {
                        go.await();
                        return api.calendar(user).book(Bookings.at(start, HOUR));
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<Response> answer : answers) {
                    Response response = answer.get();
                    statuses.merge(response.status(), 1, Integer::sum);
                    assertThat(response.status()).as(response.body()).isIn(201, 409);
                    if (response.status() == 201) {
                        won++;
                    } else {
                        assertThat(response.problemCode()).isEqualTo("appointment-overlap");
                    }
                }
                assertThat(won).as("winners of round %d", round).isEqualTo(1);
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.printf("%s: answers by status %s%n", prefix, statuses);

        List<String> calendars = eventStore.calendars();
        assertThat(calendars).hasSize(ROUNDS / 2 + 1);
        for (String calendar : calendars) {
            assertThat(eventStore.overlaps(calendar)).as(calendar).isEmpty();
        }
        assertThat(eventStore.eventCount()).isEqualTo(ROUNDS);
    }

    private static double lostRaces(RunningService node) {
        return node.bean(MeterRegistry.class).get("scheduling.commands.lost.races").counter().count();
    }
}
