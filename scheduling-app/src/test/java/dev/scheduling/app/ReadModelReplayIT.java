package dev.scheduling.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.DynamoDbServer;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.ReadModelTable;
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

/**
 * Rebuilding the read model from the event store, on a service and table of its own: a replay clears the whole table,
 * which would damage what other tests wrote to a shared one.
 */
class ReadModelReplayIT {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

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
    void a_replay_repairs_a_damaged_table_and_a_second_replay_changes_nothing() throws Exception {
        makeHistory(1_000);
        awaitCaughtUp();
        assertThat(readModelAsExpected()).isTrue();

        List<AppointmentItem> items = readModel.all();
        items.sort(Comparator.comparing(AppointmentItem::getAppointmentId));
        for (int i = 0; i < 300; i += 3) {
            AppointmentItem item = items.get(i);
            if (i % 2 == 0) {
                readModel.delete(item.getUserId(), item.getAppointmentId());
            } else {
                item.setStatus("CANCELLED");
                item.setStart("2030-01-01T00:00:00.000000000Z");
                item.setVersion(999_999L); // newer than any event: only clearing the table repairs it
                table.putIfNewer(item);
            }
        }
        AppointmentItem stray = new AppointmentItem();
        stray.setAppointmentId(UUID.randomUUID().toString());
        stray.setUserId("nobody");
        stray.setStart("2030-01-01T00:00:00.000000000Z");
        stray.setVersion(1L);
        table.putIfNewer(stray);
        assertThat(readModelAsExpected()).isFalse();

        Response replay = api.post("/admin/projections/appointments/replay").send();
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.header("Location")).isEqualTo("/admin/projections/appointments");
        awaitCaughtUp();
        assertThat(readModelAsExpected()).isTrue();

        Map<String, AppointmentItem> afterFirst = byId(readModel.all());
        assertThat(api.post("/admin/projections/appointments/replay").send().status()).isEqualTo(202);
        awaitCaughtUp();
        assertThat(byId(readModel.all())).isEqualTo(afterFirst);
    }

    /** Books {@code count} appointments over 50 calendars, then moves every fifth and cancels every fifth. */
    private static void makeHistory(int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> calendars = new ArrayList<>();
            for (int user = 0; user < 50; user++) {
                String name = "history-" + user;
                calendars.add(clients.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < count / 50; i++) {
                        Response booked = book(name, day(40).plus(HOUR.multipliedBy(2L * i)), HOUR);
                        assertThat(booked.status()).isEqualTo(201);
                        String id = booked.json().path("id").asText();
                        if (i % 5 == 1) {
                            assertThat(api.post("/users/" + name + "/appointments/" + id + "/reschedule")
                                          .json(Bookings.at(day(80).plus(HOUR.multipliedBy(2L * i)), HOUR).json())
                                          .send().status()).isEqualTo(200);
                        } else if (i % 5 == 2) {
                            assertThat(api.calendar(name).cancel(id).status()).isEqualTo(204);
                        }
                        ids.add(id);
                    }
                    return ids;
                }));
            }
            for (Future<List<String>> calendar : calendars) {
                assertThat(calendar.get()).hasSize(count / 50);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static boolean readModelAsExpected() {
        return ReadModelTable.differences(eventStore.expectedReadModel(), readModel.items()) == 0;
    }

    private static Map<String, AppointmentItem> byId(List<AppointmentItem> items) {
        return items.stream().collect(Collectors.toMap(AppointmentItem::getAppointmentId, Function.identity()));
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
