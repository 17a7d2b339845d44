package dev.scheduling.app.support;

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
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The core template (infra-cloudformation) deployed into moto through the CloudFormation API, with what moto's
 * CloudFormation skips made through the services' own APIs: the deadlines' schedule group and the Cognito pool. A
 * service in its aws profile runs on nothing but its outputs.
 */
public final class CoreStackOnMoto implements AutoCloseable {

    public final MotoServer moto;
    public final Map<String, String> outputs;
    public final EventBridgeOnMoto scheduler;
    public final CognitoOnMoto cognito;

    private CoreStackOnMoto(MotoServer moto, Map<String, String> outputs, EventBridgeOnMoto scheduler, CognitoOnMoto cognito) {
        this.moto = moto;
        this.outputs = outputs;
        this.scheduler = scheduler;
        this.cognito = cognito;
    }

    /** The stack {@code scheduling-core-<suffix>} on the shared moto. */
    public static CoreStackOnMoto deploy(String suffix) {
        MotoServer moto = MotoServer.shared();
        Map<String, String> outputs = deployCoreStack(moto, suffix);
        String dlqUrl = moto.sqs().getQueueUrl(r -> r.queueName("scheduling-deadlines-dlq-" + suffix)).queueUrl();
        // moto's CloudFormation skips AWS::Scheduler::ScheduleGroup (as it does queue policies and alarms):
        // the group is made through the Scheduler API, under the name the stack gives it.
        EventBridgeOnMoto scheduler = new EventBridgeOnMoto(moto, outputs.get("DeadlineScheduleGroupName"),
                outputs.get("DeadlineQueueUrl"), outputs.get("DeadlineQueueArn"), dlqUrl,
                outputs.get("DeadlineDeadLetterQueueArn"));
        scheduler.scheduler().createScheduleGroup(r -> r.name(outputs.get("DeadlineScheduleGroupName")));
        // moto's CloudFormation skips Cognito resources too: the pool is made through the Cognito API
        CognitoOnMoto cognito = CognitoOnMoto.create(moto, "scheduling-" + suffix);
        return new CoreStackOnMoto(moto, outputs, scheduler, cognito);
    }

    public DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                             .build();
    }

    /** A new queue subscribed to the stack's reminder topic; answers its URL. */
    public String subscribeQueue(String name) {
        String queueUrl = moto.sqs().createQueue(r -> r.queueName(name)).queueUrl();
        String queueArn = moto.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                              .attributes().get(QueueAttributeName.QUEUE_ARN);
        moto.sns().subscribe(r -> r.topicArn(outputs.get("ReminderTopicArn")).protocol("sqs").endpoint(queueArn));
        return queueUrl;
    }

    /** The first messages to arrive on the queue within {@code wait}; empty if none did. */
    public List<Message> receive(String queueUrl, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            List<Message> messages = moto.sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
            if (!messages.isEmpty()) {
                return messages;
            }
        }
        return List.of();
    }

    @Override
    public void close() {
        scheduler.close();
        cognito.close();
    }

    private static Map<String, String> deployCoreStack(MotoServer moto, String suffix) {
        CloudFormationClient cloudFormation = CloudFormationClient.builder().endpointOverride(moto.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        String template;
        try (InputStream in = CoreStackOnMoto.class.getClassLoader().getResourceAsStream("cloudformation/scheduling-core.yaml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String stackName = "scheduling-core-" + suffix;
        cloudFormation.createStack(r -> r.stackName(stackName).templateBody(template)
                                         .parameters(Parameter.builder().parameterKey("EnvironmentSuffix").parameterValue(suffix).build())
                                         .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM));
        Eventually.await("the core stack created", Duration.ofSeconds(60), () -> status(cloudFormation, stackName)
                == StackStatus.CREATE_COMPLETE);
        Stack stack = cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().get(0);
        return stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }

    private static StackStatus status(CloudFormationClient cloudFormation, String stackName) {
        StackStatus status = cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().get(0).stackStatus();
        if (status.toString().contains("FAILED") || status.toString().contains("ROLLBACK")) {
            throw new AssertionError("stack " + stackName + " is " + status);
        }
        return status;
    }
}
