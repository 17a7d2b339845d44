package dev.scheduling.app.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.EventStoreReader.StoredEvent;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.MotoServer;
import dev.scheduling.app.support.ReliabilityReport;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TcpProxy;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promise 4: 20 reminders fall due while SNS is unreachable (the network to moto cut by a proxy). After it returns
 * every one is delivered to the subscribed queue and recorded once on its calendar; deliveries are counted per
 * reminder id, duplicates (a publish that reached SNS but whose answer was lost would be sent again) reported.
 */
class SnsOutageRemindersIT {

    private static final int REMINDERS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void reminders_due_during_an_sns_outage_are_all_delivered_after_it_and_recorded_once() throws Exception {
        MotoServer moto = MotoServer.shared();
        MotoServer.TopicWithQueue topic = moto.topicWithQueue("reminders-many-outage");
        String database = TestPostgres.newDatabase();
        EventStoreReader eventStore = new EventStoreReader(database);
        Instant cutAt;
        try (TcpProxy network = new TcpProxy(moto.port());
             RunningService service = RunningService.onDatabase(database, Stream.concat(
                     Stream.of(MotoServer.snsSettings(topic.topicArn(), network.endpoint())),
                     Stream.of("scheduling.reminders.offsets=PT45S", "scheduling.reminders.first-retry-delay=PT1S",
                             "scheduling.reminders.max-retry-delay=PT2S")).toArray(String[]::new))) {
            // due 30 to 40 s from now (time for 20 bookings to land first, however busy the machine), while SNS is cut
            // off until 50 s from now; the appointments start after that
            Instant firstStart = Instant.now().plusSeconds(75).truncatedTo(ChronoUnit.SECONDS);
            Instant restoreAt = firstStart.minusSeconds(25);
            for (int i = 0; i < REMINDERS; i++) {
                assertThat(service.api().post("/users/sns-" + i + "/appointments")
                                  .json(Bookings.at(firstStart.plusMillis(500L * i), Duration.ofMinutes(30)).json())
                                  .send().status()).isEqualTo(201);
            }
            network.cut();
            cutAt = Instant.now();
            assertThat(cutAt).as("SNS cut off before the first reminder was due").isBefore(firstStart.minusSeconds(45));
            Eventually.pause(Duration.between(Instant.now(), restoreAt));
            assertThat(remindersSent(eventStore)).as("recorded while SNS was unreachable").isEmpty();
            network.restore();
            long restoredAt = System.nanoTime();

            Map<String, Integer> deliveries = new TreeMap<>();
            Instant deadline = Instant.now().plusSeconds(40);
            while (Instant.now().isBefore(deadline) && deliveries.size() < REMINDERS) {
                receive(moto, topic.queueUrl(), deliveries);
            }
            double deliveredAfter = (System.nanoTime() - restoredAt) / 1e9;
            Instant lateDuplicates = Instant.now().plusSeconds(5);
            while (Instant.now().isBefore(lateDuplicates)) {
                receive(moto, topic.queueUrl(), deliveries);
            }
            assertThat(deliveries).hasSize(REMINDERS);
            Eventually.await("every reminder recorded", Duration.ofSeconds(30),
                    () -> remindersSent(eventStore).size() == REMINDERS);
            // recorded once: as many ReminderSent events as reminders, each delivered reminder's id once
            List<String> recorded = remindersSent(eventStore).stream()
                    .map(e -> e.payload().path("reminderId").asText()).toList();
            assertThat(recorded).hasSize(REMINDERS).doesNotHaveDuplicates()
                                .containsExactlyInAnyOrderElementsOf(deliveries.keySet());
            int duplicates = deliveries.values().stream().mapToInt(n -> n - 1).sum();
            double failed = service.api().get("/actuator/metrics/scheduling.reminders.publish.failures").send().json()
                                   .path("measurements").get(0).path("value").asDouble();
            assertThat(failed).as("publishes that failed while SNS was unreachable, and were retried").isPositive();
            ReliabilityReport.record("4 (SNS outage)", String.format(
                    "%d reminders due during a %d s SNS outage: %.0f failed publishes retried (back-off capped at 2 s), "
                            + "all %d delivered %.1f s after SNS returned (%d duplicate deliveries), each recorded once on "
                            + "its calendar; lost 0",
                    REMINDERS, Duration.between(cutAt, restoreAt).toSeconds(), failed, deliveries.size(), deliveredAfter,
                    duplicates));
        }
    }

    private static void receive(MotoServer moto, String queueUrl, Map<String, Integer> deliveries) {
        List<Message> batch = moto.sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)
                                                              .maxNumberOfMessages(10)).messages();
        for (Message message : batch) {
            moto.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            try {
                JsonNode envelope = JSON.readTree(message.body());
                deliveries.merge(envelope.path("MessageAttributes").path("reminderId").path("Value").asText(), 1,
                        Integer::sum);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<StoredEvent> remindersSent(EventStoreReader eventStore) {
        return eventStore.calendars().stream().filter(c -> c.startsWith("sns-"))
                         .flatMap(c -> eventStore.events(c).stream())
                         .filter(e -> e.type().endsWith(".ReminderSent")).toList();
    }
}
