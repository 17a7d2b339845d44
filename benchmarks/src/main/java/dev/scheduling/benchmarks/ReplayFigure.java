package dev.scheduling.benchmarks;

import dev.scheduling.projections.dynamodb.TableDefinitions;
import dev.scheduling.projections.dynamodb.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * B6: rebuilding the read model from the event store, against plain BatchWriteItem into the same DynamoDB.
 */
final class ReplayFigure extends Phase {

    ReplayFigure(Context context) {
        super(context);
    }

    void replay(BenchDynamoDb dynamoDb) throws Exception {
        long events = countEvents();
        if (events < mode.b6Events()) {
            NonConflictingBookings bookings = NonConflictingBookings.hourly(service.base(), service.token());
            long missing = mode.b6Events() - events;
            Load.Result topUp = Load.run(http, CLIENTS, Duration.ofHours(2), missing,
                    i -> bookings.book("b6-u" + (i % 10_000), i / 10_000));
            System.out.printf("B6: topped the event store up with %d bookings in %.1f s (%s)%n", topUp.requests(),
                    topUp.seconds(), topUp.describeStatuses());
        }
        awaitProjectionCaughtUp(Duration.ofMinutes(10));
        events = countEvents();

        ProcStats.Cpu before = cpu();
        profiler.start(service.pid(), "B6");
        long started = System.nanoTime();
        HttpResponse<String> accepted = http.send(service.request("/admin/projections/appointments/replay")
                                                             .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("replay refused: " + accepted.statusCode() + " " + accepted.body());
        }
        ServiceProcess.sleep(200);
        awaitProjectionCaughtUp(Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - started) / 1e9;
        ProcStats.Cpu used = cpu().minus(before);
        printProfile(profiler.stop(service.pid(), "B6"));
        double replayRate = events / seconds;

        double baseline = batchWriteBaseline(dynamoDb, events);
        figures.add("B6", String.format("replay: events per second rebuilding the read model from %,d events", events),
                String.format("%.0f events/s (%.1f s)", replayRate, seconds),
                "at least 0.5 of the baseline", String.format("/ plain BatchWriteItem %.0f items/s: %.2f", baseline,
                        replayRate / baseline), replayRate / baseline >= 0.5 ? Boolean.TRUE : Boolean.FALSE);
        figures.note(String.format("B6 replay cpu: %s", used.describe(seconds, cores)));
    }

    /**
     * The baseline of B6: the same number of items, shaped like the read model's, written with BatchWriteItem (25
     * a request) by 4 threads (as many as the projection's) into a table of the same definition.
     */
    private double batchWriteBaseline(BenchDynamoDb dynamoDb, long items) throws Exception {
        try (DynamoDbClient client = dynamoDb.client()) {
            Tables.ensure(client, TableDefinitions.fromClasspath(TableDefinitions.CORE_TEMPLATE)
                                                  .table(TableDefinitions.APPOINTMENTS_TABLE, "bench-baseline"));
            int threads = 4;
            AtomicLong next = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long started = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long first;
                    while ((first = next.getAndAdd(25)) < items) {
                        List<WriteRequest> batch = new ArrayList<>();
                        for (long i = first; i < Math.min(items, first + 25); i++) {
                            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(i)).build()).build());
                        }
                        Map<String, List<WriteRequest>> pending = Map.of("bench-baseline", batch);
                        while (!pending.isEmpty()) {
                            BatchWriteItemResponse response = client.batchWriteItem(
                                    BatchWriteItemRequest.builder().requestItems(pending).build());
                            pending = response.unprocessedItems();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
            return items / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static Map<String, AttributeValue> item(long i) {
        Instant start = Instant.parse("2027-01-01T00:00:00Z").plus(Duration.ofHours(i));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("appointmentId", AttributeValue.fromS(UUID.randomUUID().toString()));
        item.put("userId", AttributeValue.fromS("b6-u" + (i % 10_000)));
        item.put("start", AttributeValue.fromS(start.toString()));
        item.put("end", AttributeValue.fromS(start.plus(Duration.ofMinutes(30)).toString()));
        item.put("status", AttributeValue.fromS("BOOKED"));
        item.put("title", AttributeValue.fromS("Benchmark visit"));
        item.put("location", AttributeValue.fromS("Room 4"));
        item.put("timeZone", AttributeValue.fromS("Europe/Amsterdam"));
        item.put("remindersSent", AttributeValue.fromL(List.of()));
        item.put("createdAt", AttributeValue.fromS(Instant.now().toString()));
        item.put("updatedAt", AttributeValue.fromS(Instant.now().toString()));
        item.put("version", AttributeValue.fromN("0"));
        return item;
    }
}
