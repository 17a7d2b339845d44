package dev.scheduling.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.CognitoOnMoto;
import dev.scheduling.app.support.CoreStackOnMoto;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.MotoServer;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core template deployed into moto through the CloudFormation API, and the service run in its aws profile on
 * nothing but that stack's outputs: a booking lands in the stack's table, its reminder in the stack's topic.
 */
class CoreStackOnMotoIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = "motoit";

    @Test
    void the_service_runs_on_the_core_stack_outputs() throws Exception {
        try (CoreStackOnMoto stack = CoreStackOnMoto.deploy(SUFFIX)) {
            Map<String, String> outputs = stack.outputs;
            String subscriber = stack.subscribeQueue("stack-reminder-subscriber");
            assertThat(outputs).containsKeys("SecurityJwtIssuerUri", "SecurityJwtJwkSetUri", "SecurityJwtAllowedClientIds");
            // the service takes its issuer from the pool in the aws profile's jwt mode
            CognitoOnMoto cognito = stack.cognito;
            String user = cognito.createUser("stacy@clinic.example", "Correct-Horse-9");
            String token = cognito.signIn("stacy@clinic.example", "Correct-Horse-9").accessToken();
            MotoServer moto = stack.moto;

            try (RunningService service = RunningService.onDatabaseWith(TestPostgres.newDatabase(),
                    "spring.profiles.active=aws",
                    "scheduling.read-model.table-name=" + outputs.get("AppointmentsTableName"),
                    "scheduling.read-model.calendars-table-name=" + outputs.get("CalendarsTableName"),
                    "scheduling.read-model.dynamodb-endpoint=" + moto.endpoint(),
                    "scheduling.reminders.sns-topic-arn=" + outputs.get("ReminderTopicArn"),
                    "scheduling.reminders.sns-endpoint=" + moto.endpoint(),
                    "scheduling.reminders.offsets=PT5S",
                    "scheduling.deadlines.manager=eventbridge", "db-scheduler.enabled=false",
                    "scheduling.deadlines.eventbridge.group-name=" + outputs.get("DeadlineScheduleGroupName"),
                    "scheduling.deadlines.eventbridge.queue-url=" + outputs.get("DeadlineQueueUrl"),
                    "scheduling.deadlines.eventbridge.queue-arn=" + outputs.get("DeadlineQueueArn"),
                    "scheduling.deadlines.eventbridge.dead-letter-arn=" + outputs.get("DeadlineDeadLetterQueueArn"),
                    "scheduling.deadlines.eventbridge.role-arn=" + outputs.get("SchedulerRoleArn"),
                    "scheduling.deadlines.eventbridge.long-poll=PT1S",
                    "scheduling.deadlines.eventbridge.scheduler-endpoint=" + moto.endpoint(),
                    "scheduling.deadlines.eventbridge.sqs-endpoint=" + moto.endpoint(),
                    "scheduling.aws.access-key-id=test", "scheduling.aws.secret-access-key=test",
                    cognito.issuerSettings()[0], cognito.issuerSettings()[1], cognito.issuerSettings()[2])) {
                stack.scheduler.startClock();
                // due 15 s from now (offset 5 s): time for the booking to land first, however busy the machine
                Instant start = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
                var booked = service.api().withToken(token).calendar(user)
                                   .book(Bookings.at(start, Duration.ofMinutes(30)).title("Stack check"));
                assertThat(booked.status()).isEqualTo(201);
                String id = booked.json().path("id").asText();

                DynamoDbClient dynamoDb = stack.dynamoDb();
                Eventually.await("the booking in the stack's table", Duration.ofSeconds(30), () -> dynamoDb.getItem(r -> r
                        .tableName(outputs.get("AppointmentsTableName"))
                        .key(Map.of("appointmentId", AttributeValue.fromS(id), "userId", AttributeValue.fromS(user))))
                        .hasItem());

                List<Message> reminders = stack.receive(subscriber, Duration.ofSeconds(60));
                assertThat(reminders).singleElement().satisfies(message -> assertThat(JSON.readTree(message.body())
                        .path("MessageAttributes").path("appointmentId").path("Value").asText()).isEqualTo(id));
                assertThat(stack.scheduler.fired()).isEqualTo(1);
            }
        }
    }
}
