package dev.scheduling.app.reliability;

import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.DynamoDbServer;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.LoadClients;
import dev.scheduling.app.support.LoadClients.Outcome;
import dev.scheduling.app.support.ReadModelTable;
import dev.scheduling.app.support.ReliabilityReport;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promise 1: 64 clients on two nodes of one PostgreSQL book, move and cancel overlapping slots of four calendars
 * for {@code reliability.raceSeconds} (20 s in CI, a minute or more in a soak run). No calendar ends with two
 * overlapping appointments, no request gets a 5xx, and the read model both nodes project into agrees with the
 * event store, appointment by appointment.
 */
class RacesAcrossNodesIT {

    private static final String[] USERS = {"race-a", "race-b", "race-c", "race-d"};
    private static final Set<Integer> EXPECTED = Set.of(200, 201, 204, 409);

    @Test
    void sixty_four_clients_on_two_nodes_never_overlap_and_the_read_model_agrees() {
        int seconds = ReliabilityReport.seconds("raceSeconds", 20);
        String database = TestPostgres.newDatabase();
        Map<String, List<String>> booked = new ConcurrentHashMap<>();
        for (String user : USERS) {
            booked.put(user, new CopyOnWriteArrayList<>());
        }
        List<Outcome> outcomes;
        try (RunningService first = RunningService.onDatabase(database);
             RunningService second = RunningService.onDatabase(database)) {
            Api[] nodes = {first.api(), second.api()};
            LoadClients clients = LoadClients.start(64, (client, i) -> {
                SplittableRandom random = new SplittableRandom(i);
                String user = USERS[random.nextInt(USERS.length)];
                Api api = nodes[client % 2];
                List<String> ids = booked.get(user);
                int dice = random.nextInt(100);
                if (dice < 15 && !ids.isEmpty()) {
                    String id = ids.get(random.nextInt(ids.size()));
                    return LoadClients.timed(user, "cancel", api.delete("/users/" + user + "/appointments/" + id));
                }
                if (dice < 30 && !ids.isEmpty()) {
                    String id = ids.get(random.nextInt(ids.size()));
                    return LoadClients.timed(user, "reschedule", api.post("/users/" + user + "/appointments/" + id
                            + "/reschedule").json(randomSlot(random)));
                }
                Outcome outcome = LoadClients.timed(user, "book", api.post("/users/" + user + "/appointments")
                                                                    .json(randomSlot(random)));
                if (outcome.status() == 201) {
                    ids.add(outcome.appointmentId());
                }
                return outcome;
            });
            Eventually.pause(Duration.ofSeconds(seconds));
            clients.stop();
            outcomes = clients.outcomes();

            EventStoreReader eventStore = new EventStoreReader(database);
            ReadModelTable readModel = new ReadModelTable(DynamoDbServer.shared(), RunningService.readModelTable(database));
            Eventually.await("the read model to agree with the event store", Duration.ofSeconds(60),
                    () -> ReadModelTable.differences(eventStore.expectedReadModel(), readModel.items()) == 0);
            for (String user : USERS) {
                assertThat(eventStore.overlaps(user)).as("overlaps on " + user).isEmpty();
            }
            long active = eventStore.expectedReadModel().values().stream().filter(a -> a.status().equals("BOOKED")).count();
            assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(EXPECTED));
            ReliabilityReport.record("1 (no overlap, two nodes)", String.format(
                    "64 clients on 2 nodes for %d s on %d calendars: %d requests (%s); %d events, %d appointments "
                            + "active at the end, 0 overlaps, read model = event store, 0 x 5xx",
                    seconds, USERS.length, outcomes.size(), LoadClients.statuses(outcomes), eventStore.eventCount(), active));
        }
    }

    /** A 30 to 120 minute slot starting on a half hour of one day: most of them overlap something. */
    private static String randomSlot(SplittableRandom random) {
        Instant start = day(5).plus(Duration.ofMinutes(30L * random.nextInt(24)));
        return Bookings.at(start, Duration.ofMinutes(30L * (1 + random.nextInt(4)))).json();
    }
}
