package dev.scheduling.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.CognitoOnMoto;
import dev.scheduling.app.support.EventBridgeOnMoto;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.MotoServer;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
        MotoServer moto = MotoServer.shared();
        Map<String, String> outputs = deployCoreStack(moto);
        String dlqUrl = moto.sqs().getQueueUrl(r -> r.queueName("scheduling-deadlines-dlq-" + SUFFIX)).queueUrl();
        // moto's CloudFormation skips AWS::Scheduler::ScheduleGroup (as it does queue policies and alarms):
        // the group is made through the Scheduler API, under the name the stack gives it.
        EventBridgeOnMoto scheduler = new EventBridgeOnMoto(moto, outputs.get("DeadlineScheduleGroupName"),
                outputs.get("DeadlineQueueUrl"), outputs.get("DeadlineQueueArn"), dlqUrl,
                outputs.get("DeadlineDeadLetterQueueArn"));
        scheduler.scheduler().createScheduleGroup(r -> r.name(outputs.get("DeadlineScheduleGroupName")));
        String subscriber = subscribeQueue(moto, outputs.get("ReminderTopicArn"));
        assertThat(outputs).containsKeys("SecurityJwtIssuerUri", "SecurityJwtJwkSetUri", "SecurityJwtAllowedClientIds");
        // moto's CloudFormation skips Cognito resources too: the pool is made through the Cognito API, and the service
        // takes its issuer from it in the aws profile's jwt mode
        CognitoOnMoto cognito = CognitoOnMoto.create(moto, "scheduling-" + SUFFIX);
        String user = cognito.createUser("stacy@clinic.example", "Correct-Horse-9");
        String token = cognito.signIn("stacy@clinic.example", "Correct-Horse-9").accessToken();

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
            scheduler.startClock();
            // due 15 s from now (offset 5 s): time for the booking to land first, however busy the machine
            Instant start = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
            var booked = service.api().withToken(token).calendar(user)
                               .book(Bookings.at(start, Duration.ofMinutes(30)).title("Stack check"));
            assertThat(booked.status()).isEqualTo(201);
            String id = booked.json().path("id").asText();

            DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
            Eventually.await("the booking in the stack's table", Duration.ofSeconds(30), () -> dynamoDb.getItem(r -> r
                    .tableName(outputs.get("AppointmentsTableName"))
                    .key(Map.of("appointmentId", AttributeValue.fromS(id), "userId", AttributeValue.fromS(user))))
                    .hasItem());

            List<Message> reminders = receive(moto, subscriber, Duration.ofSeconds(60));
            assertThat(reminders).singleElement().satisfies(message -> assertThat(JSON.readTree(message.body())
                    .path("MessageAttributes").path("appointmentId").path("Value").asText()).isEqualTo(id));
            assertThat(scheduler.fired()).isEqualTo(1);
        } finally {
            scheduler.close();
        }
    }

    private static Map<String, String> deployCoreStack(MotoServer moto) throws IOException {
        CloudFormationClient cloudFormation = CloudFormationClient.builder().endpointOverride(moto.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        String template;
        try (InputStream in = CoreStackOnMotoIT.class.getClassLoader().getResourceAsStream("cloudformation/scheduling-core.yaml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String stackName = "scheduling-core-" + SUFFIX;
        cloudFormation.createStack(r -> r.stackName(stackName).templateBody(template)
                                         .parameters(Parameter.builder().parameterKey("EnvironmentSuffix").parameterValue(SUFFIX).build())
                                         .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM));
        Eventually.await("the core stack created", Duration.ofSeconds(60), () -> status(cloudFormation, stackName)
                .map(status -> status == StackStatus.CREATE_COMPLETE).orElse(false));
        Stack stack = cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().get(0);
        return stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }

    private static java.util.Optional<StackStatus> status(CloudFormationClient cloudFormation, String stackName) {
        StackStatus status = cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().get(0).stackStatus();
        if (status.toString().contains("FAILED") || status.toString().contains("ROLLBACK")) {
            throw new AssertionError("stack " + stackName + " is " + status);
        }
        return java.util.Optional.of(status);
    }

    private static String subscribeQueue(MotoServer moto, String topicArn) {
        String queueUrl = moto.sqs().createQueue(r -> r.queueName("stack-reminder-subscriber")).queueUrl();
        String queueArn = moto.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                              .attributes().get(QueueAttributeName.QUEUE_ARN);
        moto.sns().subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        return queueUrl;
    }

    private static List<Message> receive(MotoServer moto, String queueUrl, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            List<Message> messages = moto.sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
            if (!messages.isEmpty()) {
                return messages;
            }
        }
        return List.of();
    }
}
