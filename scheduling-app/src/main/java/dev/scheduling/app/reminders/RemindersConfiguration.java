package dev.scheduling.app.reminders;

import dev.scheduling.app.AwsProperties;
import dev.scheduling.reminders.AppointmentReminderSaga;
import dev.scheduling.reminders.LoggingReminderPublisher;
import dev.scheduling.reminders.ReminderPublisher;
import dev.scheduling.reminders.ReminderSettings;
import dev.scheduling.reminders.sns.SnsReminderPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.time.Duration;

/** The reminder saga, its settings and publisher; deadlines come from db-scheduler on the service's PostgreSQL. */
@Configuration(proxyBeanMethods = false)
public class RemindersConfiguration {

    static final String SAGA_PROCESSOR = AppointmentReminderSaga.class.getSimpleName() + "Processor";

    /**
     * Registers the saga (the module has no Spring annotation). Its processor starts at the head of the event
     * stream: on a first start over existing history it must not replay old bookings and fire their long-past
     * reminders at once. Failures propagate, so that an event is retried rather than skipped.
     */
    @Bean
    ConfigurerModule reminderSaga() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSaga(AppointmentReminderSaga.class)
                .registerPooledStreamingEventProcessorConfiguration(SAGA_PROCESSOR,
                        (config, builder) -> builder.initialToken(source -> source.createHeadToken()))
                .registerListenerInvocationErrorHandler(SAGA_PROCESSOR, config -> PropagatingErrorHandler.instance()));
    }

    @Bean
    ReminderSettings reminderSettings(ReminderProperties properties) {
        return new ReminderSettings(properties.offsets(), properties.firstRetryDelay(), properties.maxRetryDelay());
    }

    @Bean
    ReminderPublisher reminderPublisher(ReminderProperties properties, AwsProperties aws, Clock clock,
                                        MeterRegistry meters) {
        ReminderPublisher publisher = switch (properties.publisher()) {
            case LOG -> new LoggingReminderPublisher();
            case SNS -> new SnsReminderPublisher(snsClient(properties, aws), requireTopic(properties));
        };
        return new MeasuredReminderPublisher(publisher, clock, meters);
    }

    private static SnsClient snsClient(ReminderProperties properties, AwsProperties aws) {
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
