package dev.scheduling.app.reliability;

import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.DynamoDbServer;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.EventStoreReader.Visit;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.LoadClients;
import dev.scheduling.app.support.LoadClients.Outcome;
import dev.scheduling.app.support.PackagedService;
import dev.scheduling.app.support.ReliabilityReport;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static dev.scheduling.app.reliability.VisitRacesIT.CALENDARS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visits of several calendars when a node dies in the middle of them: 16 clients book random visits through the
 * packaged service and through a second node; the packaged service is SIGKILLed under that load (PostgreSQL rolls its
 * open transactions back). Afterwards every visit is on all its calendars or on none, at its own slot, every
 * acknowledged one is booked, and no calendar holds two overlapping appointments: with nothing to take over, no
 * waiting for a process to finish.
 */
class VisitKillIT {

    private static final Set<Integer> EXPECTED = Set.of(201, 409, -1);

    @Test
    void a_node_killed_in_the_middle_of_visits_leaves_each_on_all_its_calendars_or_on_none(@TempDir Path dir) {
        String database = TestPostgres.newDatabase();
        String table = RunningService.readModelTable(database);
        String[] settings = Stream.concat(Stream.of("spring.datasource.url=" + database,
                        "spring.datasource.username=postgres", "scheduling.data-dir=" + dir),
                Stream.of(DynamoDbServer.shared().settings(table))).toArray(String[]::new);
        Path log = Path.of("target", "visit-kill-service.log"); // kept for a post-mortem
        EventStoreReader eventStore = new EventStoreReader(database);

        PackagedService doomed = PackagedService.start(log, settings);
        List<Outcome> outcomes;
        try (RunningService survivor = RunningService.onDatabase(database)) {
            Api[] nodes = {doomed.api(), survivor.api()};
            AtomicBoolean killed = new AtomicBoolean();
            LoadClients clients = LoadClients.start(16, (client, i) -> {
                SplittableRandom random = new SplittableRandom(i);
                // after the kill, every client goes to the survivor (as a load balancer's health check would send them)
                Api node = killed.get() ? survivor.api() : nodes[client % 2];
                return LoadClients.timed("visit", "visit", node.post("/appointments")
                        .json(VisitRacesIT.slotJson(random, VisitRacesIT.participants(random), 1)));
            });
            try {
                Eventually.pause(Duration.ofSeconds(6));
            } finally {
                doomed.kill();
                killed.set(true);
            }
            Eventually.pause(Duration.ofSeconds(4)); // the survivor alone
            clients.stop();
            outcomes = clients.outcomes();

            List<Visit> visits = eventStore.visits();
            assertThat(VisitRacesIT.misplaced(eventStore, visits)).as("entries unlike their visits").isEmpty();
            for (String calendar : CALENDARS) {
                assertThat(eventStore.overlaps(calendar)).as("overlaps on " + calendar).isEmpty();
            }
            List<Outcome> acknowledged = outcomes.stream().filter(o -> o.status() == 201).toList();
            assertThat(acknowledged).isNotEmpty();
            assertThat(acknowledged).allSatisfy(o -> assertThat(eventStore.visitStatus(o.appointmentId()))
                    .as("acknowledged " + o).isEqualTo("BOOKED"));
            assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(EXPECTED));
            long unanswered = outcomes.stream().filter(o -> !o.answered()).count();
            assertThat(unanswered).as("the kill cut requests off").isPositive();
            ReliabilityReport.record("34 (visits, SIGKILL)", String.format(
                    "the packaged service SIGKILLed under 16 clients booking visits of 2-4 of 6 calendars through it and "
                            + "a second node (then through the survivor alone): %d requests (%s; no answer: cut off by the "
                            + "kill); %d visits in the event store, every 201 booked, 0 on some calendars only, 0 overlaps",
                    outcomes.size(), LoadClients.statuses(outcomes), visits.size()));
        } finally {
            doomed.kill();
        }
    }
}
