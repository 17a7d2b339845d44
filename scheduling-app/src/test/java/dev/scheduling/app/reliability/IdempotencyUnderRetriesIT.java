package dev.scheduling.app.reliability;

import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/** A client retrying one booking 100 times at once, across two nodes, with one Idempotency-Key: one event. */
class IdempotencyUnderRetriesIT {

    private static final int RETRIES = 100;

    @Test
    void one_hundred_concurrent_identical_bookings_with_one_key_record_one_event() throws Exception {
        String database = TestPostgres.newDatabase();
        String body = Bookings.at(day(9), Duration.ofHours(1)).title("Retried").json();
        try (RunningService first = RunningService.onDatabase(database);
             RunningService second = RunningService.onDatabase(database)) {
            ExecutorService clients = Executors.newFixedThreadPool(32);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < RETRIES; i++) {
                RunningService node = i % 2 == 0 ? first : second;
                answers.add(clients.submit(() -> {
                    go.await();
                    return node.api().post("/users/retrying/appointments").json(body)
                               .header("Idempotency-Key", "checkout-7f3a").send();
                }));
            }
            go.countDown();
            int created = 0;
            Set<String> ids = new HashSet<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.status()).as(response.body()).isIn(200, 201);
                created += response.status() == 201 ? 1 : 0;
                ids.add(response.json().path("id").asText());
            }
            clients.shutdownNow();

            assertThat(created).isEqualTo(1);
            assertThat(ids).hasSize(1);
            assertThat(new EventStoreReader(database).events("retrying")).hasSize(1);
        }
    }
}
