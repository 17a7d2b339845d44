package dev.scheduling.app.reminders;

import dev.scheduling.app.AwsProperties;
import dev.scheduling.app.eventstore.BackgroundThreads;
import dev.scheduling.reminders.deadline.DeadlineQueueConsumer;
import dev.scheduling.reminders.deadline.EventBridgeDeadlineManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/**
 * {@code scheduling.deadlines.manager=eventbridge}: deadlines as EventBridge Scheduler schedules delivering to SQS.
 * Its {@code DeadlineManager} bean replaces the db-scheduler one Axon would otherwise configure.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "scheduling.deadlines.manager", havingValue = "eventbridge")
public class EventBridgeDeadlinesConfiguration {

    @Bean(destroyMethod = "close")
    SchedulerClient schedulerClient(DeadlineProperties deadlines, AwsProperties aws) {
        return aws.configure(SchedulerClient.builder(), deadlines.eventbridge().schedulerEndpoint()).build();
    }

    @Bean(destroyMethod = "close")
    SqsClient deadlineQueueClient(DeadlineProperties deadlines, AwsProperties aws) {
        return aws.configure(SqsClient.builder(), deadlines.eventbridge().sqsEndpoint()).build();
    }

    @Bean
    EventBridgeDeadlineManager deadlineManager(SchedulerClient scheduler, SqsClient deadlineQueueClient,
                                               DeadlineProperties deadlines,
                                               @Qualifier("eventSerializer") Serializer serializer,
                                               org.axonframework.config.Configuration axon,
                                               TransactionManager transactionManager, Clock clock,
                                               DeadlineManagerSpanFactory spans) {
        DeadlineProperties.EventBridge settings = deadlines.eventbridge();
        var target = new EventBridgeDeadlineManager.Target(settings.groupName(), required(settings.queueArn(), "queue-arn"),
                required(settings.queueUrl(), "queue-url"), required(settings.roleArn(), "role-arn"),
                required(settings.deadLetterArn(), "dead-letter-arn"), settings.maxRetryAttempts(), settings.maxEventAge());
        return new EventBridgeDeadlineManager(scheduler, deadlineQueueClient, target, serializer,
                new ConfigurationScopeAwareProvider(axon), transactionManager, clock, spans);
    }

    /** The consumer's threads run the saga's deadline handlers, each in a transaction of its own. */
    @Bean
    BackgroundThreads deadlineQueueConsumerThreads(DeadlineProperties deadlines) {
        return new BackgroundThreads("deadline queue consumer", deadlines.eventbridge().consumerThreads());
    }

    @Bean
    DeadlineQueueConsumer deadlineQueueConsumer(SqsClient deadlineQueueClient, EventBridgeDeadlineManager manager,
                                                DeadlineProperties deadlines, Clock clock) {
        DeadlineProperties.EventBridge settings = deadlines.eventbridge();
        return new DeadlineQueueConsumer(deadlineQueueClient, settings.queueUrl(), manager, settings.consumerThreads(),
                settings.longPoll(), clock);
    }

    /** Consumes after everything else started, stops before it stops. */
    @Bean
    SmartLifecycle deadlineQueueConsumerLifecycle(DeadlineQueueConsumer consumer) {
        return new SmartLifecycle() {
            @Override
            public void start() {
                consumer.start();
            }

            @Override
            public void stop() {
                consumer.stop();
            }

            @Override
            public boolean isRunning() {
                return consumer.state().running();
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 100;
            }
        };
    }

    @Bean
    HealthIndicator deadlineQueue(DeadlineQueueConsumer consumer) {
        return () -> {
            DeadlineQueueConsumer.State state = consumer.state();
            Health.Builder health = state.running() ? Health.up() : Health.down();
            return health.withDetail("lastPoll", String.valueOf(state.lastPoll()))
                         .withDetail("delivered", state.delivered())
                         .withDetail("failed", state.failed())
                         .withDetail("lastError", String.valueOf(state.lastError()))
                         .build();
        };
    }

    private static String required(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("scheduling.deadlines.manager=eventbridge needs scheduling.deadlines.eventbridge."
                    + setting);
        }
        return value;
    }
}
