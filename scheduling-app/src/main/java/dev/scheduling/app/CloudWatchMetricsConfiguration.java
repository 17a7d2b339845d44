package dev.scheduling.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * The client Micrometer's CloudWatch registry publishes with, when {@code management.cloudwatch.metrics.export.enabled}
 * (the core stack's alarms watch {@code scheduling.reminders.publish.failures.count} there).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "management.cloudwatch.metrics.export.enabled", havingValue = "true")
public class CloudWatchMetricsConfiguration {

    @Bean(destroyMethod = "close")
    CloudWatchAsyncClient cloudWatchAsyncClient(AwsProperties aws) {
        return aws.configure(CloudWatchAsyncClient.builder(), null).build();
    }
}
