package dev.scheduling.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.EventStoreReader.StoredEvent;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.MotoServer;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TcpProxy;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reminders of real bookings made through HTTP, with offsets of seconds: through SNS (moto) to a subscribed SQS
 * queue, across a restart of the service, and through an SNS outage.
 */
class RemindersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MotoServer moto = MotoServer.shared();

    @Test
    void a_booking_reminder_reaches_a_queue_subscribed_to_the_topic() throws Exception {
        MotoServer.TopicWithQueue topic = moto.topicWithQueue("reminders-delivery");
        String database = TestPostgres.newDatabase();
        try (RunningService service = RunningService.onDatabase(database, settings(MotoServer.snsSettings(topic.topicArn(), moto.endpoint()),
                "scheduling.reminders.offsets=PT6S"))) {
            // due 15 s from now: time for the booking to land, however busy the machine
            Instant start = Instant.now().plusSeconds(21).truncatedTo(ChronoUnit.SECONDS);
            String id = book(service.api(), "rita", start).json().path("id").asText();
            // Paris is at +01:00 (CET) or +02:00 (CEST), depending on the day the test runs
            ZonedDateTime local = start.atZone(ZoneId.of("Europe/Paris"));
            String zoneName = local.format(DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH));

            List<Message> messages = receive(moto.sqs(), topic.queueUrl(), 1, Duration.ofSeconds(60));

            JsonNode envelope = JSON.readTree(messages.get(0).body());
            JsonNode document = JSON.readTree(envelope.path("Message").asText());
            assertThat(envelope.path("Subject").asText()).startsWith("Reminder: Physiotherapy, ").contains(zoneName);
            assertThat(document.path("eventType").asText()).isEqualTo("AppointmentReminder");
            assertThat(document.path("appointmentId").asText()).isEqualTo(id);
            assertThat(document.path("userId").asText()).isEqualTo("rita");
            assertThat(document.path("reminderOffset").asText()).isEqualTo("PT6S");
            assertThat(document.path("start").asText()).isEqualTo(start.toString());
            assertThat(document.path("localStart").asText()).endsWith(local.getOffset().getId());
            assertThat(document.path("timeZone").asText()).isEqualTo("Europe/Paris");
            assertThat(document.path("text").asText()).contains("Physiotherapy").contains("(" + zoneName + ")");
            JsonNode attributes = envelope.path("MessageAttributes");
            assertThat(attributes.path("eventType").path("Value").asText()).isEqualTo("AppointmentReminder");
            assertThat(attributes.path("userId").path("Value").asText()).isEqualTo("rita");
            assertThat(attributes.path("appointmentId").path("Value").asText()).isEqualTo(id);
            assertThat(attributes.path("reminderOffset").path("Value").asText()).isEqualTo("PT6S");
            String reminderId = attributes.path("reminderId").path("Value").asText();
            assertThat(reminderId).isEqualTo(document.path("reminderId").asText());

            EventStoreReader eventStore = new EventStoreReader(database);
            Eventually.await("the reminder recorded on the calendar", Duration.ofSeconds(30),
                    () -> remindersSent(eventStore, "rita").size() == 1);
            StoredEvent recorded = remindersSent(eventStore, "rita").get(0);
            assertThat(recorded.payload().path("reminderId").asText()).isEqualTo(reminderId);
            assertThat(recorded.metadata().path("actor").asText()).isEqualTo("reminder-saga");
            Eventually.await("the reminder in the read model", Duration.ofSeconds(30),
                    () -> service.api().calendar("rita").get(id).json()
                                 .path("remindersSent").toString().equals("[\"" + reminderId + "\"]"));
            assertThat(service.api().get("/actuator/metrics/scheduling.reminders.delay").send().json()
                              .path("measurements").get(0).path("value").asDouble()).isEqualTo(1.0);
        }
    }

    @Test
    void each_person_of_a_visit_is_reminded_under_a_reminder_id_of_their_own_and_no_room() throws Exception {
        MotoServer.TopicWithQueue topic = moto.topicWithQueue("reminders-visit");
        try (RunningService service = RunningService.onDatabase(TestPostgres.newDatabase(), settings(
                MotoServer.snsSettings(topic.topicArn(), moto.endpoint()), "scheduling.reminders.offsets=PT6S"))) {
            // due 15 s from now: time for the booking to land, however busy the machine
            Instant start = Instant.now().plusSeconds(21).truncatedTo(ChronoUnit.SECONDS);
            Response booked = service.api().post("/appointments").json("""
                    {"participants":[{"calendarId":"rv-lee","role":"practitioner"},{"calendarId":"rv-room","role":"location"},
                                     {"calendarId":"rv-ann","role":"patient"}],
                     "start":"%s","end":"%s","title":"Check-up","timeZone":"Europe/Paris"}"""
                    .formatted(start, start.plus(Duration.ofMinutes(30)))).send();
            assertThat(booked.status()).as(booked.body()).isEqualTo(201);

            List<Message> messages = receive(moto.sqs(), topic.queueUrl(), 2, Duration.ofSeconds(60));

            List<String> people = new ArrayList<>();
            List<String> reminderIds = new ArrayList<>();
            for (Message message : messages) {
                JsonNode attributes = JSON.readTree(message.body()).path("MessageAttributes");
                assertThat(attributes.path("appointmentId").path("Value").asText()).isEqualTo(booked.json().path("id").asText());
                people.add(attributes.path("userId").path("Value").asText());
                reminderIds.add(attributes.path("reminderId").path("Value").asText());
            }
            assertThat(people).containsExactlyInAnyOrder("rv-lee", "rv-ann");
            assertThat(reminderIds).doesNotHaveDuplicates();
            assertThat(receive(moto.sqs(), topic.queueUrl(), 0, Duration.ofSeconds(3))).as("nothing for the room").isEmpty();
        }
    }

    @Test
    void a_reminder_scheduled_before_a_restart_fires_after_it() {
        String database = TestPostgres.newDatabase();
        Instant start;
        Instant due;
        try (RunningService before = RunningService.onDatabase(database, "scheduling.reminders.offsets=PT7S")) {
            // from when the service is up: a slow start must not push the reminder's due time into the past, and the
            // service must be down before it (a stop takes seconds on a busy machine)
            start = Instant.now().plusSeconds(27).truncatedTo(ChronoUnit.SECONDS);
            due = start.minusSeconds(7);
            assertThat(book(before.api(), "ruth", start).status()).isEqualTo(201);
        }
        EventStoreReader eventStore = new EventStoreReader(database);
        assertThat(Instant.now()).as("the service stopped before the reminder was due").isBefore(due);
        Eventually.await("the reminder's due time to pass while no service runs", Duration.ofSeconds(40),
                () -> Instant.now().isAfter(due.plusSeconds(1)));
        assertThat(remindersSent(eventStore, "ruth")).isEmpty();

        try (RunningService after = RunningService.onDatabase(database, "scheduling.reminders.offsets=PT7S")) {
            Eventually.await("the reminder sent after the restart", Duration.ofSeconds(60),
                    () -> remindersSent(eventStore, "ruth").size() == 1);
        }
    }

    @Test
    void a_reminder_due_while_sns_is_unreachable_is_delivered_once_when_it_returns() throws Exception {
        MotoServer.TopicWithQueue topic = moto.topicWithQueue("reminders-outage");
        String database = TestPostgres.newDatabase();
        EventStoreReader eventStore = new EventStoreReader(database);
        try (TcpProxy network = new TcpProxy(moto.port());
             RunningService service = RunningService.onDatabase(database, settings(
                     MotoServer.snsSettings(topic.topicArn(), network.endpoint()), "scheduling.reminders.offsets=PT12S",
                     "scheduling.reminders.first-retry-delay=PT1S", "scheduling.reminders.max-retry-delay=PT2S"))) {
            // due 15 s from now: the booking lands and the network is cut before it, however busy the machine
            Instant start = Instant.now().plusSeconds(27).truncatedTo(ChronoUnit.SECONDS);
            assertThat(book(service.api(), "rosa", start).status()).isEqualTo(201);
            network.cut();
            assertThat(Instant.now()).as("SNS cut off before the reminder was due").isBefore(start.minusSeconds(12));

            Eventually.await("publishing to fail while SNS is unreachable", Duration.ofSeconds(40),
                    () -> failedPublishes(service.api()) >= 2);
            assertThat(receive(moto.sqs(), topic.queueUrl(), 0, Duration.ofSeconds(1))).isEmpty();
            assertThat(remindersSent(eventStore, "rosa")).isEmpty();

            network.restore();
            List<Message> delivered = receive(moto.sqs(), topic.queueUrl(), 1, Duration.ofSeconds(30));
            Eventually.await("the reminder recorded once", Duration.ofSeconds(30),
                    () -> remindersSent(eventStore, "rosa").size() == 1);
            assertThat(receive(moto.sqs(), topic.queueUrl(), 0, Duration.ofSeconds(4))).isEmpty();
            assertThat(delivered).hasSize(1);
            assertThat(remindersSent(eventStore, "rosa")).hasSize(1);
        }
    }

    private static Response book(Api api, String user, Instant start) {
        return api.calendar(user).book(Bookings.at(start, Duration.ofMinutes(30)).title("Physiotherapy")
                                                .timeZone("Europe/Paris"));
    }

    private static List<StoredEvent> remindersSent(EventStoreReader eventStore, String user) {
        return eventStore.events(user).stream().filter(e -> e.type().endsWith(".ReminderSent")).toList();
    }

    private static double failedPublishes(Api api) {
        JsonNode metric = api.get("/actuator/metrics/scheduling.reminders.publish.failures").send().json();
        return metric.path("measurements").get(0).path("value").asDouble();
    }

    /** Polls the queue until {@code expected} messages arrived (or, for 0, for the whole {@code wait}). */
    private static List<Message> receive(SqsClient sqs, String queueUrl, int expected, Duration wait) {
        List<Message> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline) && (expected == 0 || received.size() < expected)) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)
                                                           .maxNumberOfMessages(10)).messages();
            for (Message message : batch) {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
            received.addAll(batch);
        }
        if (expected > 0) {
            assertThat(received).as("messages on %s", queueUrl).hasSize(expected);
        }
        return received;
    }

    private static String[] settings(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }
}
