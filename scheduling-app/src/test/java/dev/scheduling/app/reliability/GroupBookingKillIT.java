package dev.scheduling.app.reliability;

import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.DynamoDbServer;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.EventStoreReader.GroupBooking;
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

import static dev.scheduling.app.reliability.GroupBookingRacesIT.CALENDARS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Appointments of several calendars when a node dies in the middle of them: the packaged service runs the booking
 * process (it starts first, so its processor holds every segment) while 16 clients book random groups through it
 * and through a second node; it is SIGKILLed under that load. The second node takes the process over (its processor
 * claims the dead node's segments, the bookings' expiry deadlines are in PostgreSQL): afterwards every booking is
 * decided, every acknowledged one is on each of its calendars, no booking is on some calendars only, no hold is
 * left, and no calendar holds two overlapping appointments.
 */
class GroupBookingKillIT {

    private static final Set<Integer> EXPECTED = Set.of(201, 409, 202, -1);

    @Test
    void a_node_killed_in_the_middle_of_group_bookings_leaves_each_all_or_nothing(@TempDir Path dir) {
        String database = TestPostgres.newDatabase();
        String table = RunningService.readModelTable(database);
        String holdsTtl = "scheduling.group-bookings.holds-ttl=PT15S";
        String[] settings = Stream.concat(Stream.of("spring.datasource.url=" + database,
                        "spring.datasource.username=postgres", "scheduling.data-dir=" + dir, holdsTtl),
                Stream.of(DynamoDbServer.shared().settings(table))).toArray(String[]::new);
        Path log = Path.of("target", "group-booking-kill-service.log"); // kept for a post-mortem
        EventStoreReader eventStore = new EventStoreReader(database);

        PackagedService doomed = PackagedService.start(log, settings);
        List<Outcome> outcomes;
        long pendingAtKill;
        try (RunningService survivor = RunningService.onDatabase(database, holdsTtl)) {
            Api[] nodes = {doomed.api(), survivor.api()};
            AtomicBoolean killed = new AtomicBoolean();
            LoadClients clients = LoadClients.start(16, (client, i) -> {
                SplittableRandom random = new SplittableRandom(i);
                // after the kill, every client goes to the survivor (as a load balancer's health check would send them)
                Api node = killed.get() ? survivor.api() : nodes[client % 2];
                return LoadClients.timed("group", "group", node.post("/appointments")
                        .json(GroupBookingRacesIT.slotJson(random, GroupBookingRacesIT.group(random))));
            });
            try {
                Eventually.pause(Duration.ofSeconds(6));
            } finally {
                doomed.kill();
                killed.set(true);
            }
            pendingAtKill = eventStore.groupBookings().stream()
                                      .filter(g -> "PENDING".equals(eventStore.groupStatus(g.appointmentId()))).count();
            Eventually.pause(Duration.ofSeconds(4)); // the survivor alone
            clients.stop();
            outcomes = clients.outcomes();

            List<GroupBooking> groups = eventStore.groupBookings();
            Eventually.await("every booking decided and every hold confirmed or released", Duration.ofSeconds(120),
                    () -> groups.stream().noneMatch(g -> "PENDING".equals(eventStore.groupStatus(g.appointmentId())))
                            && Stream.of(CALENDARS).allMatch(c -> eventStore.liveHolds(c).isEmpty()));
            Eventually.await("every booked appointment on each of its calendars, no other on any", Duration.ofSeconds(60),
                    () -> GroupBookingRacesIT.misplaced(eventStore, groups).isEmpty());
            for (String calendar : CALENDARS) {
                assertThat(eventStore.overlaps(calendar)).as("overlaps on " + calendar).isEmpty();
            }
            List<Outcome> acknowledged = outcomes.stream().filter(o -> o.status() == 201).toList();
            assertThat(acknowledged).isNotEmpty();
            assertThat(acknowledged).allSatisfy(o -> assertThat(eventStore.groupStatus(o.appointmentId()))
                    .as("acknowledged " + o).isEqualTo("BOOKED"));
            assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(EXPECTED));
            long booked = groups.stream().filter(g -> "BOOKED".equals(eventStore.groupStatus(g.appointmentId()))).count();
            long expired = groups.stream().filter(g -> "EXPIRED".equals(eventStore.groupStatus(g.appointmentId()))).count();
            ReliabilityReport.record("26 (group bookings, SIGKILL)", String.format(
                    "the packaged service (running the process) SIGKILLed under 16 clients booking groups of 2-4 of 6 "
                            + "calendars through it and a second node (then through the survivor alone): %d requests (%s, no answer: cut off by the kill); %d bookings pending at the kill; "
                            + "afterwards all %d decided (%d booked, %d expired, the rest refused), every 201 booked on each "
                            + "of its calendars, 0 on some calendars only, 0 holds left, 0 overlaps",
                    outcomes.size(), LoadClients.statuses(outcomes), pendingAtKill, groups.size(), booked, expired));
        } finally {
            doomed.kill();
        }
    }
}
