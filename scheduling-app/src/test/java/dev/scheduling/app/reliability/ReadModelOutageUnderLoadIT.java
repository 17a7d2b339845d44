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
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promise 3: DynamoDB becomes unreachable for {@code reliability.dynamoDbOutageSeconds} (30 s) while 4 clients
 * book and 2 read. Bookings keep being accepted; every read sent and answered while DynamoDB is down answers 503 with
 * a problem body, and no read anything but 200 or 503; when DynamoDB returns, the projection resumes within a second
 * and the read model equals the event store within seconds (the budget asserted, 60 s, leaves room for a loaded
 * machine; the figure is reported).
 */
class ReadModelOutageUnderLoadIT {

    @Test
    void commands_go_on_and_reads_answer_503_through_a_dynamodb_outage_and_nothing_is_missing_after(
            @TempDir Path dynamoDbData) {
        int outageSeconds = ReliabilityReport.seconds("dynamoDbOutageSeconds", 30);
        String database = TestPostgres.newDatabase();
        try (DynamoDbServer dynamoDb = DynamoDbServer.onDisk(dynamoDbData);
             RunningService service = RunningService.onDatabase(database, dynamoDb, "appointments-outage-load")) {
            Api api = service.api();
            AtomicReference<String> phase = new AtomicReference<>("before");
            LoadClients writers = LoadClients.start(4, (client, i) -> LoadClients.timed("ddb-" + client, phase.get(),
                    api.post("/users/ddb-" + client + "/appointments")
                       .json(Bookings.at(day(3).plus(Duration.ofHours(i)), Duration.ofMinutes(30)).json())));
            LoadClients readers = LoadClients.start(2, (client, i) -> {
                Eventually.pause(Duration.ofMillis(100));
                String path = client == 0 ? "/users/ddb-0/appointments" : "/users/ddb-1/appointments?status=ALL&pageSize=5";
                String sentIn = phase.get();
                Outcome read = LoadClients.timed("ddb-" + client, sentIn, api.get(path));
                // a read both sent and answered while DynamoDB was down, or one that straddled a change
                return new Outcome(read.user(), sentIn.equals(phase.get()) ? sentIn : sentIn + "-" + phase.get(),
                        read.status(), read.appointmentId(), read.problemCode(), read.millis());
            });
            Eventually.pause(Duration.ofSeconds(3));
            dynamoDb.stop();
            phase.set("outage");
            Eventually.pause(Duration.ofSeconds(outageSeconds));
            dynamoDb.start();
            long returnedAt = System.nanoTime();
            phase.set("after");
            Eventually.pause(Duration.ofSeconds(3));
            writers.stop();
            readers.stop();
            long loadStoppedAt = System.nanoTime();

            List<Outcome> writes = writers.outcomes();
            List<Outcome> reads = readers.outcomes();
            assertThat(writes).allSatisfy(o -> assertThat(o.status()).as(o.toString()).isEqualTo(201));
            long acceptedDuringOutage = writes.stream().filter(o -> o.request().equals("outage")).count();
            assertThat(acceptedDuringOutage).isGreaterThan(10);

            List<Outcome> readsDuringOutage = reads.stream().filter(o -> o.request().equals("outage")).toList();
            assertThat(reads).allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(200, 503));
            assertThat(reads).filteredOn(o -> o.status() == 503)
                             .allSatisfy(o -> assertThat(o.problemCode()).isEqualTo("read-model-unavailable"));
            assertThat(readsDuringOutage).hasSizeGreaterThan(10)
                                         .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isEqualTo(503));
            long slowest = reads.stream().mapToLong(Outcome::millis).max().orElse(0);
            // bounded by the read model client's call timeout (10 s, retries included; room for a busy machine), not by
            // the outage
            assertThat(slowest).as("the slowest read, ms").isLessThan(20_000);
            long medianOutageRead = readsDuringOutage.stream().mapToLong(Outcome::millis).sorted()
                                                     .skip(readsDuringOutage.size() / 2).findFirst().orElse(0);

            EventStoreReader eventStore = new EventStoreReader(database);
            ReadModelTable readModel = new ReadModelTable(dynamoDb, "appointments-outage-load");
            // a budget with room for a loaded machine, counted from DynamoDB's return; the figure is what matters
            // (each comparison reads the whole table and event store, in this JVM beside the service: not too often)
            Duration budget = Duration.ofSeconds(60).minusNanos(System.nanoTime() - returnedAt);
            Eventually.await("the projection to catch up with nothing missing", budget, Duration.ofMillis(500),
                    () -> ReadModelTable.differences(eventStore.expectedReadModel(), readModel.items()) == 0);
            long wholeAt = System.nanoTime();
            ReliabilityReport.record("3 (DynamoDB outage)", String.format(
                    "DynamoDB down %d s under 4 booking and 2 reading clients: %d bookings all 201 (%d during the "
                            + "outage), %d reads (%d sent and answered during the outage: %s, median %d ms; slowest read "
                            + "%d ms), read model equal to the event store %.1f s after DynamoDB returned (%.1f s after "
                            + "the load stopped); lost 0",
                    outageSeconds, writes.size(), acceptedDuringOutage, reads.size(), readsDuringOutage.size(),
                    LoadClients.statuses(readsDuringOutage), medianOutageRead, slowest,
                    (wholeAt - returnedAt) / 1e9, (wholeAt - loadStoppedAt) / 1e9));
        }
    }
}
