package dev.scheduling.app;

import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.DynamoDbServer;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB goes away under the running service: bookings are still accepted, reads answer 503, and when DynamoDB
 * returns the projection catches up with every booking made meanwhile.
 */
class ReadModelOutageIT {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void bookings_made_while_dynamodb_is_down_appear_when_it_returns(@TempDir Path dynamoDbData) {
        try (DynamoDbServer dynamoDb = DynamoDbServer.onDisk(dynamoDbData);
             RunningService service = RunningService.onDatabase(TestPostgres.newDatabase(), dynamoDb, "appointments-outage")) {
            Api api = service.api();
            String before = book(api, 0);
            Eventually.await("the first booking in the read model", Duration.ofSeconds(30),
                    () -> api.calendar("outage").get(before).status() == 200);

            dynamoDb.stop();
            List<String> duringOutage = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                duringOutage.add(book(api, i));
            }
            Response read = api.calendar("outage").list();
            assertThat(read.status()).isEqualTo(503);
            assertThat(read.problemCode()).isEqualTo("read-model-unavailable");
            assertThat(read.header("Retry-After")).isNotBlank();

            dynamoDb.start();
            Eventually.await("the bookings made during the outage in the read model", Duration.ofSeconds(90),
                    () -> api.calendar("outage").list().json().path("appointments")
                             .findValuesAsText("id").size() == 6);
            assertThat(api.calendar("outage").list().json().path("appointments").findValuesAsText("id"))
                    .containsExactly(before, duringOutage.get(0), duringOutage.get(1), duringOutage.get(2),
                            duringOutage.get(3), duringOutage.get(4));
        }
    }

    private static String book(Api api, int hour) {
        return api.calendar("outage").booked(Bookings.at(day(3).plus(HOUR.multipliedBy(hour)), HOUR));
    }
}
