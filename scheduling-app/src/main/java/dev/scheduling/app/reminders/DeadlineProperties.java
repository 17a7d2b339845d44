package dev.scheduling.app.reminders;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Which deadline manager runs the reminders (prefix {@code scheduling.deadlines}).
 *
 * @param manager     {@code db}: db-scheduler on the service's PostgreSQL; {@code eventbridge}: EventBridge Scheduler
 *                    and SQS
 * @param eventbridge settings of the {@code eventbridge} manager
 */
@ConfigurationProperties("scheduling.deadlines")
public record DeadlineProperties(@DefaultValue("db") Manager manager, @DefaultValue EventBridge eventbridge) {

    public enum Manager { DB, EVENTBRIDGE }

    /**
     * @param groupName        schedule group (core stack output {@code DeadlineScheduleGroupName})
     * @param queueUrl         deadline queue (output {@code DeadlineQueueUrl})
     * @param queueArn         the same queue's ARN (output {@code DeadlineQueueArn})
     * @param deadLetterArn    where Scheduler puts deadlines it could not deliver (output {@code DeadlineDeadLetterQueueArn})
     * @param roleArn          the role Scheduler assumes to send to the queue (output {@code SchedulerRoleArn})
     * @param maxRetryAttempts Scheduler's delivery retries before dead-lettering
     * @param maxEventAge      how long Scheduler keeps retrying
     * @param consumerThreads  threads long-polling the deadline queue on this instance
     * @param longPoll         how long one receive waits for messages (at most 20 s)
     * @param schedulerEndpoint an EventBridge Scheduler endpoint instead of AWS's own (moto)
     * @param sqsEndpoint      an SQS endpoint instead of AWS's own (moto)
     */
    public record EventBridge(@DefaultValue("scheduling-deadlines") String groupName, String queueUrl, String queueArn,
                              String deadLetterArn, String roleArn, @DefaultValue("185") int maxRetryAttempts,
                              @DefaultValue("PT24H") Duration maxEventAge, @DefaultValue("2") int consumerThreads,
                              @DefaultValue("PT20S") Duration longPoll, URI schedulerEndpoint, URI sqsEndpoint) {
    }
}
