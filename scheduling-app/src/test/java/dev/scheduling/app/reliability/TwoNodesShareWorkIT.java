package dev.scheduling.app.reliability;

import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.DynamoDbServer;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.PackagedService;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of one PostgreSQL are two owners of its token store and share the event processors' segments: the
 * packaged service (a process of its own) starts first and takes every segment, a node started beside it gets its
 * share within seconds, and when the first is SIGKILLed the second takes its segments over once their claims time out,
 * so that what is booked then still reaches the read model.
 */
class TwoNodesShareWorkIT {

    private static final String PROJECTION = "appointments";
    private static final String REMINDERS = "AppointmentReminderSagaProcessor";

    @Test
    void two_nodes_split_the_segments_and_one_takes_the_others_over_when_it_dies(@TempDir Path dir) {
        String database = TestPostgres.newDatabase();
        String[] settings = Stream.concat(Stream.of("spring.datasource.url=" + database,
                        "spring.datasource.username=postgres", "scheduling.data-dir=" + dir),
                Stream.of(DynamoDbServer.shared().settings(RunningService.readModelTable(database)))).toArray(String[]::new);
        PackagedService first = PackagedService.start(Path.of("target", "two-nodes-first-service.log"), settings);
        try {
            Eventually.await("the first node to hold every segment", Duration.ofSeconds(60),
                    () -> owners(database, PROJECTION).size() == 1 && owners(database, PROJECTION).values().iterator().next() == 4);
            try (RunningService second = RunningService.onDatabase(database)) {
                Eventually.await("each node to hold half of each processor's segments", Duration.ofSeconds(60),
                        () -> owners(database, PROJECTION).values().stream().allMatch(held -> held == 2)
                                && owners(database, PROJECTION).size() == 2
                                && owners(database, REMINDERS).size() == 2);
                assertThat(owners(database, PROJECTION).keySet()).as("two owners, neither pid@host alone")
                        .allSatisfy(owner -> assertThat(owner).contains("/"));

                first.kill();
                Eventually.await("the survivor to take every segment over once the dead node's claims time out",
                        Duration.ofSeconds(60), () -> owners(database, PROJECTION).size() == 1
                                && owners(database, PROJECTION).values().iterator().next() == 4
                                && owners(database, REMINDERS).size() == 1);
                Api api = second.api();
                for (int i = 0; i < 8; i++) {
                    Instant start = day(30).plus(Duration.ofHours(i));
                    String calendar = "split-" + i;
                    assertThat(api.post("/users/" + calendar + "/appointments")
                                  .json("{\"start\":\"" + start + "\",\"end\":\"" + start.plus(Duration.ofMinutes(30)) + "\"}")
                                  .send().status()).isEqualTo(201);
                    Eventually.await(calendar + "'s booking in the read model", Duration.ofSeconds(30),
                            () -> api.get("/users/" + calendar + "/appointments").send().json().path("appointments").size() == 1);
                }
            }
        } finally {
            first.kill();
        }
    }

    /** Who holds how many segments of the processor, as its live claims in the token store say. */
    private static Map<String, Integer> owners(String database, String processor) {
        Map<String, Integer> owners = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(database, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT owner FROM tokenentry WHERE processorname = '"
                     + processor + "' AND owner IS NOT NULL")) {
            while (rows.next()) {
                owners.merge(rows.getString(1), 1, Integer::sum);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return owners;
    }
}
