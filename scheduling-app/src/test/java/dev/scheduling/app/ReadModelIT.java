package dev.scheduling.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.DynamoDbServer;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.ReadModelTable;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import dev.scheduling.projections.appointments.AppointmentItem;
import dev.scheduling.projections.appointments.AppointmentTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/** Reads from the DynamoDB read model through HTTP, and rebuilding it from the event store. */
class ReadModelIT {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private static RunningService service;
    private static EventStoreReader eventStore;
    private static AppointmentTable table;
    private static Api api;
    private static ReadModelTable readModel;

    @BeforeAll
    static void start() {
        String database = TestPostgres.newDatabase();
        service = RunningService.onDatabase(database);
        eventStore = new EventStoreReader(database);
        api = service.api();
        table = new AppointmentTable(DynamoDbEnhancedClient.builder().dynamoDbClient(DynamoDbServer.shared().client())
                                                           .build(), RunningService.readModelTable(database));
        readModel = new ReadModelTable(DynamoDbServer.shared(), RunningService.readModelTable(database));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_booking_can_be_read_back_moments_later() {
        Instant start = day(4).plus(Duration.ofHours(9));
        String id = book("reader-1", start, HOUR).json().path("id").asText();

        Eventually.await("the booking in the read model", Duration.ofSeconds(30),
                () -> api.calendar("reader-1").get(id).status() == 200);
        JsonNode appointment = api.calendar("reader-1").get(id).json();
        assertThat(appointment.path("start").asText()).isEqualTo(start.toString());
        assertThat(appointment.path("status").asText()).isEqualTo("BOOKED");
        assertThat(appointment.path("remindersSent").isArray()).isTrue();
    }

    @Test
    void a_listing_shows_the_range_in_start_order_page_by_page() {
        List<String> ids = new ArrayList<>();
        for (int i = 5; i >= 0; i--) {
            ids.add(0, book("reader-2", day(5).plus(HOUR.multipliedBy(i * 2L)), HOUR).json().path("id").asText());
        }
        book("reader-2", day(6).plus(HOUR), HOUR); // outside the range
        awaitCaughtUp();

        String range = "from=" + day(5) + "&to=" + day(6);
        Response first = api.get("/users/reader-2/appointments?" + range + "&pageSize=4").send();
        String token = first.json().path("nextPageToken").asText();
        Response second = api.get("/users/reader-2/appointments?" + range + "&pageSize=4&pageToken=" + token).send();

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.json().path("nextPageToken").isNull()).isTrue();
        List<String> listed = new ArrayList<>(first.json().path("appointments").findValuesAsText("id"));
        listed.addAll(second.json().path("appointments").findValuesAsText("id"));
        assertThat(listed).containsExactlyElementsOf(ids);
    }

    @Test
    void cancelled_appointments_are_listed_when_asked_for() {
        String id = book("reader-3", day(5), HOUR).json().path("id").asText();
        api.calendar("reader-3").cancel(id);
        awaitCaughtUp();

        assertThat(api.calendar("reader-3").list().json().path("appointments")).isEmpty();
        assertThat(api.get("/users/reader-3/appointments?status=CANCELLED").send().json()
                      .path("appointments").findValuesAsText("id")).containsExactly(id);
        assertThat(api.calendar("reader-3").get(id).json().path("status").asText())
                .isEqualTo("CANCELLED");
    }

    @Test
    void unknown_appointments_and_other_users_appointments_are_404() {
        String id = book("reader-4", day(5), HOUR).json().path("id").asText();
        awaitCaughtUp();

        assertThat(api.calendar("reader-4").get(UUID.randomUUID().toString()).problemCode())
                .isEqualTo("appointment-not-found");
        assertThat(api.calendar("someone-else").get(id).status()).isEqualTo(404);
    }

    @Test
    void invalid_listing_parameters_are_400_naming_each_one() {
        Response response = api.get("/users/reader-5/appointments?from=2026-12-01T10:00:00&to=yesterday"
                + "&status=MAYBE&pageSize=1000&pageToken=forged").send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("from", "to", "status", "pageSize", "pageToken");
        assertThat(api.get("/users/reader-5/appointments?from=" + day(3) + "&to=" + day(2)).send()
                      .json().path("errors").findValuesAsText("field")).containsExactly("to");
        assertThat(api.get("/users/reader-5/appointments/not-a-uuid").send().status()).isEqualTo(400);
    }

    @Test
    void the_projection_lag_is_a_metric() {
        book("reader-6", day(5), HOUR);
        awaitCaughtUp();

        JsonNode metric = api.get("/actuator/metrics/scheduling.projection.lag").send().json();
        assertThat(metric.path("measurements").findValuesAsText("statistic")).contains("COUNT", "MAX");
        assertThat(metric.path("measurements").get(0).path("value").asDouble()).isPositive();
    }

    /** Axon's own metrics beside the service's: command handling, processors, their lag in events, active sagas. */
    @Test
    void axons_command_bus_processors_lag_and_sagas_are_metrics() {
        book("reader-7", day(5), HOUR);
        awaitCaughtUp();

        assertThat(value("/actuator/metrics/commandBus.successCounter")).as("commands handled").isPositive();
        JsonNode handling = api.get("/actuator/metrics/commandBus.successTimer").send().json();
        assertThat(handling.path("measurements").findValuesAsText("statistic")).contains("COUNT", "TOTAL_TIME", "MAX");
        JsonNode latency = api.get("/actuator/metrics/eventProcessor.latency?tag=processorName:appointments").send().json();
        assertThat(latency.path("measurements").size()).as(latency.toString()).isPositive();
        assertThat(value("/actuator/metrics/eventProcessor.successCounter?tag=processorName:appointments")).isPositive();
        JsonNode lag = api.get("/actuator/metrics/scheduling.processor.lag.events").send().json();
        assertThat(lag.path("availableTags").get(0).path("values")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("appointments", "AppointmentReminderSagaProcessor");
        Eventually.await("no lag once caught up", Duration.ofSeconds(30), () ->
                value("/actuator/metrics/scheduling.processor.lag.events?tag=processor:appointments") == 0);
        assertThat(value("/actuator/metrics/scheduling.sagas.active?tag=saga:AppointmentReminderSaga"))
                .as("the booking's reminders").isPositive();
    }

    private double value(String metric) {
        JsonNode answer = api.get(metric).send().json();
        assertThat(answer.path("measurements").size()).as(metric + ": " + answer).isPositive();
        return answer.path("measurements").get(0).path("value").asDouble();
    }

    @Test
    void replaying_an_unknown_projection_is_404() {
        assertThat(api.post("/admin/projections/nothing/replay").send().problemCode()).isEqualTo("projection-not-found");
        assertThat(api.get("/admin/projections/nothing").send().status()).isEqualTo(404);
    }

    @Test
    void the_reminder_sagas_processor_is_no_projection_and_is_never_reset_from_here() {
        Response refused = api.post("/admin/projections/AppointmentReminderSagaProcessor/replay").send();

        assertThat(refused.status()).as(refused.body()).isEqualTo(404);
        assertThat(refused.problemCode()).isEqualTo("projection-not-found");
        assertThat(api.get("/admin/projections/AppointmentReminderSagaProcessor").send().status()).isEqualTo(404);
    }

    private static void awaitCaughtUp() {
        Eventually.await("the projection to catch up", CATCH_UP, () -> {
            JsonNode status = api.get("/admin/projections/appointments").send().json();
            return status.path("caughtUp").asBoolean() && !status.path("replaying").asBoolean()
                    && status.path("position").asLong() >= status.path("headPosition").asLong();
        });
    }

    private static Response book(String user, Instant start, Duration length) {
        return api.calendar(user).book(Bookings.at(start, length));
    }
}
