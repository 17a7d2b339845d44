package dev.scheduling.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.EventBridgeOnMoto;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.MotoServer;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import dev.scheduling.reminders.deadline.DeadlineQueueConsumer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code eventbridge} deadline manager against moto's Scheduler and SQS. */
class EventBridgeDeadlinesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MotoServer moto = MotoServer.shared();

    @Test
    void a_booking_creates_a_one_time_schedule_per_reminder_and_a_cancellation_deletes_them() throws Exception {
        EventBridgeOnMoto aws = new EventBridgeOnMoto(moto, "shape");
        try (RunningService service = RunningService.onDatabase(TestPostgres.newDatabase(), aws.settings())) {
            Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
            String id = book(service.api(), "eva", start);

            Eventually.await("a schedule per reminder", Duration.ofSeconds(30), () -> aws.schedules().size() == 2);
            GetScheduleResponse dayBefore = aws.schedules().stream()
                    .filter(s -> s.scheduleExpression().equals("at(" + at(start.minus(Duration.ofHours(24))) + ")"))
                    .findFirst().orElseThrow();
            assertThat(dayBefore.name()).startsWith("deadline-").hasSizeLessThanOrEqualTo(64);
            assertThat(dayBefore.groupName()).isEqualTo(aws.groupName);
            assertThat(dayBefore.scheduleExpressionTimezone()).isEqualTo("UTC");
            assertThat(dayBefore.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF);
            assertThat(dayBefore.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.DELETE);
            assertThat(dayBefore.target().arn()).isEqualTo(aws.queueArn);
            assertThat(dayBefore.target().roleArn()).isEqualTo(EventBridgeOnMoto.ROLE_ARN);
            assertThat(dayBefore.target().deadLetterConfig().arn()).isEqualTo(aws.deadLetterArn);
            assertThat(dayBefore.target().retryPolicy().maximumRetryAttempts()).isEqualTo(185);
            JsonNode input = JSON.readTree(dayBefore.target().input());
            assertThat(input.path("deadlineName").asText()).isEqualTo("reminder-due");
            assertThat(dayBefore.name()).isEqualTo("deadline-" + input.path("deadlineId").asText());
            assertThat(input.path("scope").path("type").asText()).endsWith("SagaScopeDescriptor");
            assertThat(input.path("payload").path("type").asText()).endsWith("ReminderDue");
            assertThat(JSON.readTree(input.path("payload").path("data").asText()).path("offset").asText()).isEqualTo("PT24H");

            assertThat(service.api().calendar("eva").cancel(id).status()).isEqualTo(204);
            Eventually.await("the schedules deleted", Duration.ofSeconds(30), () -> aws.schedules().isEmpty());
        }
    }

    @Test
    void a_schedule_made_before_a_restart_runs_the_saga_after_it_and_the_reminder_reaches_sns() throws Exception {
        EventBridgeOnMoto aws = new EventBridgeOnMoto(moto, "restart");
        MotoServer.TopicWithQueue topic = moto.topicWithQueue("restart-reminders");
        String database = TestPostgres.newDatabase();
        String[] settings = concat(concat(aws.settings(), MotoServer.snsSettings(topic.topicArn(), moto.endpoint())),
                "scheduling.reminders.offsets=PT5S");
        // due 15 s from now (offset 5 s): time for the booking to land first, however busy the machine
        Instant start = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
        try (RunningService before = RunningService.onDatabase(database, settings)) {
            book(before.api(), "finn", start);
            Eventually.await("the reminder's schedule", Duration.ofSeconds(30), () -> aws.schedules().size() == 1);
        }
        assertThat(aws.schedules()).hasSize(1);

        try (RunningService after = RunningService.onDatabase(database, settings)) {
            aws.startClock();
            EventStoreReader eventStore = new EventStoreReader(database);
            Eventually.await("the reminder, sent by the restarted service", Duration.ofSeconds(60),
                    () -> eventStore.events("finn").stream().anyMatch(e -> e.type().endsWith(".ReminderSent")));
            assertThat(aws.fired()).isEqualTo(1);
            assertThat(aws.schedules()).isEmpty();
            var delivered = moto.sqs().receiveMessage(r -> r.queueUrl(topic.queueUrl()).waitTimeSeconds(5)).messages();
            assertThat(delivered).singleElement().satisfies(message -> assertThat(JSON.readTree(message.body())
                    .path("MessageAttributes").path("userId").path("Value").asText()).isEqualTo("finn"));
        } finally {
            aws.close();
        }
    }

    @Test
    void a_message_that_is_no_deadline_ends_in_the_dead_letter_queue() {
        EventBridgeOnMoto aws = new EventBridgeOnMoto(moto, "poison");
        try (RunningService service = RunningService.onDatabase(TestPostgres.newDatabase(), aws.settings())) {
            aws.send("{\"this\":\"is not a deadline\"}");

            Eventually.await("the poison message dead-lettered", Duration.ofSeconds(30), () -> aws.deadLettered() == 1);
            DeadlineQueueConsumer.State state = service.bean(DeadlineQueueConsumer.class).state();
            assertThat(state.failed()).isGreaterThanOrEqualTo(2);
            assertThat(state.running()).isTrue();
            assertThat(service.api().get("/actuator/health").send().json().path("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void a_deadline_already_due_goes_to_the_queue_at_once() {
        EventBridgeOnMoto aws = new EventBridgeOnMoto(moto, "due");
        try (RunningService service = RunningService.onDatabase(TestPostgres.newDatabase(), aws.settings())) {
            long before = service.bean(DeadlineQueueConsumer.class).state().delivered();

            service.bean(DeadlineManager.class).schedule(Instant.now().minusSeconds(1), "probe", "payload",
                    new SagaScopeDescriptor("NoSuchSaga", "nothing"));

            assertThat(aws.schedules()).isEmpty();
            Eventually.await("the deadline delivered from the queue", Duration.ofSeconds(30),
                    () -> service.bean(DeadlineQueueConsumer.class).state().delivered() == before + 1);
        }
    }

    @Test
    void cancel_all_and_cancel_within_scope_delete_exactly_the_matching_schedules() {
        EventBridgeOnMoto aws = new EventBridgeOnMoto(moto, "cancel");
        try (RunningService service = RunningService.onDatabase(TestPostgres.newDatabase(), aws.settings())) {
            DeadlineManager deadlines = service.bean(DeadlineManager.class);
            Instant later = Instant.now().plus(Duration.ofDays(1));
            var first = new SagaScopeDescriptor("SomeSaga", "first");
            var second = new SagaScopeDescriptor("SomeSaga", "second");
            deadlines.schedule(later, "nudge", "a", first);
            deadlines.schedule(later, "nudge", "b", second);
            String kept = deadlines.schedule(later, "other", "c", first);
            assertThat(aws.schedules()).hasSize(3);

            deadlines.cancelAllWithinScope("nudge", first);
            assertThat(aws.schedules()).hasSize(2);
            deadlines.cancelAll("nudge");
            assertThat(aws.schedules()).extracting(GetScheduleResponse::name).containsExactly("deadline-" + kept);

            deadlines.cancelSchedule("other", kept);
            deadlines.cancelSchedule("other", kept); // already gone: not an error
            assertThat(aws.schedules()).isEmpty();
        }
    }

    private static String book(Api api, String user, Instant start) {
        return api.calendar(user).booked(Bookings.at(start, Duration.ofMinutes(30)));
    }

    private static String at(Instant instant) {
        return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC).format(instant);
    }

    private static String[] concat(String[] settings, String... more) {
        String[] all = java.util.Arrays.copyOf(settings, settings.length + more.length);
        System.arraycopy(more, 0, all, settings.length, more.length);
        return all;
    }
}
