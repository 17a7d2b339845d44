package dev.scheduling.app.reminders;

import dev.scheduling.app.AwsProperties;
import dev.scheduling.app.eventstore.BackgroundThreads;
import dev.scheduling.app.eventstore.PooledProcessor;
import dev.scheduling.reminders.AppointmentReminderSaga;
import dev.scheduling.reminders.LoggingReminderPublisher;
import dev.scheduling.reminders.ReminderPublisher;
import dev.scheduling.reminders.ReminderSettings;
import dev.scheduling.reminders.sns.SnsReminderPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.tracing.SpanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.time.Duration;

/**
 * The reminder saga, its processor, settings and publisher. Its deadlines come from the deadline manager that
 * {@code scheduling.deadlines.manager} chooses: db-scheduler on the service's PostgreSQL, or EventBridge Scheduler
 * ({@link EventBridgeDeadlinesConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class RemindersConfiguration {

    /**
     * The saga's processor (named as Axon names a saga's): 2 workers over 2 segments, batches of up to 100 events in
     * one transaction each (Axon's default of 1 cost a transaction per event and segment).
     */
    static final PooledProcessor SAGA_PROCESSOR =
            new PooledProcessor(AppointmentReminderSaga.class.getSimpleName() + "Processor", 2, 2, 100);

    /**
     * Registers the saga (the module has no Spring annotation). Its processor starts at the head of the event
     * stream: on a first start over existing history it must not replay old bookings and fire their long-past
     * reminders at once. Failures propagate, so that an event is retried rather than skipped.
     */
    @Bean
    ConfigurerModule reminderSaga() {
        return configurer -> configurer.eventProcessing(processing -> {
            processing.registerSaga(AppointmentReminderSaga.class);
            SAGA_PROCESSOR.registerWith(processing,
                    (config, builder) -> builder.initialToken(source -> source.createHeadToken()));
        });
    }

    @Bean
    BackgroundThreads reminderSagaThreads() {
        return SAGA_PROCESSOR.backgroundThreads();
    }

    /** db-scheduler's deadline threads and its poller, where it runs (not with the eventbridge manager). */
    @Bean
    BackgroundThreads deadlineThreads(Environment environment) {
        boolean enabled = environment.getProperty("db-scheduler.enabled", Boolean.class, true);
        int threads = environment.getProperty("db-scheduler.threads", Integer.class, 10);
        return new BackgroundThreads("db-scheduler", enabled ? threads + 1 : 0);
    }

    @Bean
    ReminderSettings reminderSettings(ReminderProperties properties) {
        return new ReminderSettings(properties.offsets(), properties.firstRetryDelay(), properties.maxRetryDelay());
    }

    @Bean
    ReminderPublisher reminderPublisher(ReminderProperties properties, ObjectProvider<SnsClient> sns, Clock clock,
                                        MeterRegistry meters, SpanFactory spans) {
        ReminderPublisher publisher = switch (properties.publisher()) {
            case LOG -> new LoggingReminderPublisher();
            case SNS -> new SnsReminderPublisher(sns.getObject(), requireTopic(properties));
        };
        return new MeasuredReminderPublisher(publisher, clock, meters, spans);
    }

    /** Closed with the application; a call fails within seconds so that a publish is retried, not stuck. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "scheduling.reminders.publisher", havingValue = "sns")
    SnsClient reminderSnsClient(ReminderProperties properties, AwsProperties aws) {
        return aws.configure(SnsClient.builder(), properties.snsEndpoint())
                  .overrideConfiguration(ClientOverrideConfiguration.builder()
                                                                  .apiCallAttemptTimeout(Duration.ofSeconds(3))
                                                                  .apiCallTimeout(Duration.ofSeconds(10))
                                                                  .build())
                  .build();
    }

    private static String requireTopic(ReminderProperties properties) {
        if (properties.snsTopicArn() == null || properties.snsTopicArn().isBlank()) {
            throw new IllegalStateException("scheduling.reminders.publisher=sns needs scheduling.reminders.sns-topic-arn");
        }
        return properties.snsTopicArn();
    }
}
