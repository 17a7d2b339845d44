package dev.scheduling.app.reliability;

import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.DynamoDbServer;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.EventStoreReader.StoredEvent;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.LoadClients;
import dev.scheduling.app.support.LoadClients.Outcome;
import dev.scheduling.app.support.PackagedService;
import dev.scheduling.app.support.ReadModelTable;
import dev.scheduling.app.support.ReliabilityReport;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promise 2: the packaged service is killed with SIGKILL three times while 8 clients book, and started again on
 * the same PostgreSQL and DynamoDB. Every booking that got a 201 is in the event store afterwards, the read model
 * converges to the event store, and reminders that were pending at the kills (due during and between them) all go
 * out, each recorded once.
 */
class KillUnderLoadIT {

    private static final int KILLS = 3;
    private static final int REMINDERS = 6;

    @Test
    void three_sigkills_under_load_lose_no_acknowledged_booking_and_no_pending_reminder(@TempDir Path dir) {
        String database = TestPostgres.newDatabase();
        String table = RunningService.readModelTable(database);
        String[] settings = Stream.concat(Stream.of("spring.datasource.url=" + database,
                        "spring.datasource.username=postgres", "scheduling.data-dir=" + dir,
                        "scheduling.reminders.offsets=PT30S"),
                Stream.of(DynamoDbServer.shared().settings(table))).toArray(String[]::new);
        Path log = Path.of("target", "kill-under-load-service.log"); // kept for a post-mortem

        List<Outcome> outcomes = new ArrayList<>();
        List<String> reminded = new ArrayList<>();
        for (int run = 0; run < KILLS; run++) {
            PackagedService service = PackagedService.start(log, settings);
            try {
                loadThenKill(service, run, reminded, outcomes);
            } finally {
                service.kill(); // also when an assertion failed: no service is left running
            }
        }

        EventStoreReader eventStore = new EventStoreReader(database);
        try (PackagedService service = PackagedService.start(log, settings)) {
            Set<String> stored = eventStore.appointmentIds();
            List<Outcome> acknowledged = outcomes.stream().filter(o -> o.status() == 201).toList();
            assertThat(acknowledged).hasSizeGreaterThan(10 * KILLS);
            assertThat(acknowledged).allSatisfy(o -> assertThat(stored).as("acknowledged " + o).contains(o.appointmentId()));
            assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(201, -1));

            ReadModelTable readModel = new ReadModelTable(DynamoDbServer.shared(), table);
            Eventually.await("the read model to converge to the event store", Duration.ofSeconds(60),
                    () -> ReadModelTable.differences(eventStore.expectedReadModel(), readModel.items()) == 0);

            Eventually.await("every pending reminder sent", Duration.ofSeconds(60),
                    () -> remindersSent(eventStore).size() == REMINDERS);
            Map<String, List<StoredEvent>> byAppointment = remindersSent(eventStore).stream().collect(
                    Collectors.groupingBy(e -> e.payload().path("appointmentId").asText()));
            assertThat(byAppointment.keySet()).containsExactlyInAnyOrderElementsOf(reminded);
            // recorded once: as many ReminderSent events as reminders, no reminder id twice
            List<String> reminderIds = remindersSent(eventStore).stream()
                    .map(e -> e.payload().path("reminderId").asText()).toList();
            assertThat(reminderIds).hasSize(REMINDERS).doesNotHaveDuplicates();

            long unanswered = outcomes.stream().filter(o -> !o.answered()).count();
            long storedUnanswered = stored.size() - acknowledged.size() - REMINDERS;
            ReliabilityReport.record("2 (SIGKILL under load)", String.format(
                    "%d SIGKILLs of the packaged service under 8 booking clients: %d requests, %d x 201 all in the event "
                            + "store and the read model, %d cut off by the kill (%d of those stored: the client never "
                            + "learned, an Idempotency-Key retry would), %d reminders due across the kills all sent once; lost 0",
                    KILLS, outcomes.size(), acknowledged.size(), unanswered, storedUnanswered, REMINDERS));
            assertThat(service.api().get("/actuator/health").send().status()).isEqualTo(200);
        }
    }

    /** Books the reminders (first run only), then loads the service with 8 clients for 2.5 s and kills it. */
    private static void loadThenKill(PackagedService service, int run, List<String> reminded, List<Outcome> outcomes) {
        if (run == 0) {
            // due 15 to 40 s from now: during the kills and restarts that follow
            Instant firstStart = Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.SECONDS);
            for (int i = 0; i < REMINDERS; i++) {
                Outcome booked = LoadClients.timed("kill-reminded", "book", service.api()
                        .post("/users/kill-reminded/appointments")
                        .json(Bookings.at(firstStart.plusSeconds(5L * i), Duration.ofSeconds(5)).json()));
                assertThat(booked.status()).isEqualTo(201);
                reminded.add(booked.appointmentId());
            }
        }
        LoadClients clients = LoadClients.start(8, (client, i) -> {
            String user = "kill-" + run + "-" + client;
            return LoadClients.timed(user, "book", service.api().post("/users/" + user + "/appointments")
                    .json(Bookings.at(day(3).plus(Duration.ofHours(i)), Duration.ofMinutes(30)).json()));
        });
        Eventually.pause(Duration.ofMillis(2_500));
        service.kill();
        clients.stop();
        outcomes.addAll(clients.outcomes());
    }

    private static List<StoredEvent> remindersSent(EventStoreReader eventStore) {
        return eventStore.events("kill-reminded").stream().filter(e -> e.type().endsWith(".ReminderSent")).toList();
    }
}
