package dev.scheduling.app;

import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.EventStoreReader.StoredEvent;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each node keeps the calendars it used in memory; what another node wrote since must still count. Without the
 * check against the event store, the first node would refuse the freed slot from its cached calendar (409), would
 * not see the booking the second node made in its way, and would answer a retried booking from a calendar whose
 * personal data another node had erased.
 */
class AggregateCacheIT {

    @Test
    void a_node_decides_on_what_other_nodes_wrote_since_it_cached_the_calendar() {
        String database = TestPostgres.newDatabase();
        String nine = Bookings.at(day(11), Duration.ofHours(1)).json();
        String eleven = Bookings.at(day(11).plus(Duration.ofHours(2)), Duration.ofHours(1)).json();
        try (RunningService first = RunningService.onDatabase(database);
             RunningService second = RunningService.onDatabase(database)) {
            Response booked = first.api().post("/users/shared/appointments").json(nine).send();
            assertThat(booked.status()).isEqualTo(201);
            String id = booked.json().path("id").asText();

            // the second node frees the slot the first node has cached as taken ...
            assertThat(second.api().calendar("shared").cancel(id).status()).isEqualTo(204);
            // ... and takes another one the first node's cached calendar does not know of
            assertThat(second.api().post("/users/shared/appointments").json(eleven).send().status()).isEqualTo(201);

            assertThat(first.api().post("/users/shared/appointments").json(nine).send().status()).isEqualTo(201);
            Response clash = first.api().post("/users/shared/appointments").json(eleven).send();
            assertThat(clash.status()).isEqualTo(409);
            assertThat(clash.problemCode()).isEqualTo("appointment-overlap");

            assertThat(new EventStoreReader(database).events("shared")).hasSize(4);
        }
    }

    @Test
    void an_erasure_on_one_node_reaches_the_calendar_another_node_has_cached() {
        String database = TestPostgres.newDatabase();
        try (RunningService first = RunningService.onDatabase(database);
             RunningService second = RunningService.onDatabase(database)) {
            Response booked = first.api().post("/users/erased/appointments")
                                   .json(Bookings.at(day(13), Duration.ofHours(1)).title("Cached-title").json()).send();
            assertThat(booked.status()).isEqualTo(201);
            String id = booked.json().path("id").asText();

            assertThat(second.api().as("erased").calendar("erased").erase().status()).isEqualTo(202);

            // the first node's cached calendar still holds the title in memory: its next command must not write it back
            Response moved = first.api().post("/users/erased/appointments/" + id + "/reschedule")
                                  .json(Bookings.at(day(14), Duration.ofHours(1)).json()).send();
            assertThat(moved.status()).isEqualTo(200);
            assertThat(moved.body()).doesNotContain("Cached-title");
            StoredEvent rescheduled = new EventStoreReader(database).events("erased").get(2);
            assertThat(rescheduled.type()).endsWith(".AppointmentRescheduled");
            assertThat(rescheduled.payload().path("details").path("title").isNull()).as("no title written back").isTrue();
            // the erasing node reads none either; another node may still open a key it read in the last 5 s
            // (scheduling.personal-data.read-key-cache-ttl), as the first may have for projecting or reminding the booking
            assertThat(second.api().calendar("erased").history().body()).doesNotContain("Cached-title")
                                                                               .contains("AppointmentRescheduled");

            // a retried booking is answered without an event, from the calendar as cached: after another node's
            // erasure the first node must not answer it with the title it still holds in memory
            String retried = Bookings.at(day(15), Duration.ofHours(1)).title("Retried-title").json();
            assertThat(first.api().post("/users/retrying/appointments").json(retried)
                            .header("Idempotency-Key", "retry-after-erasure").send().status()).isEqualTo(201);
            assertThat(second.api().as("retrying").calendar("retrying").erase().status()).isEqualTo(202);
            Response again = first.api().post("/users/retrying/appointments").json(retried)
                                  .header("Idempotency-Key", "retry-after-erasure").send();
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.problemCode()).isEqualTo("idempotency-key-reused");
            assertThat(again.body()).doesNotContain("Retried-title");
        }
    }

    @Test
    void with_the_cache_off_every_command_loads_its_calendar() {
        String database = TestPostgres.newDatabase();
        try (RunningService node = RunningService.onDatabase(database, "scheduling.aggregate-cache-size=0")) {
            for (int hour = 0; hour < 3; hour++) {
                String body = Bookings.at(day(12).plus(Duration.ofHours(hour)), Duration.ofMinutes(30)).json();
                assertThat(node.api().post("/users/uncached/appointments").json(body).send().status()).isEqualTo(201);
            }
            String overlapping = Bookings.at(day(12).plus(Duration.ofMinutes(15)), Duration.ofMinutes(30)).json();
            assertThat(node.api().post("/users/uncached/appointments").json(overlapping).send().status()).isEqualTo(409);
        }
    }
}
