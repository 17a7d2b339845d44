package dev.scheduling.app.reminders;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Reminders (prefix {@code scheduling.reminders}).
 *
 * @param offsets         how long before the start each reminder is due
 * @param firstRetryDelay wait after a failed publish, doubled after each further failure
 * @param maxRetryDelay   the longest wait between two attempts
 * @param publisher       {@code log} (reminders go to the log) or {@code sns}
 * @param snsTopicArn     the topic reminders are published to (the core stack's output {@code ReminderTopicArn})
 * @param snsEndpoint     an SNS endpoint to use instead of AWS's own (moto)
 */
@ConfigurationProperties("scheduling.reminders")
public record ReminderProperties(@DefaultValue({"PT24H", "PT1H"}) List<Duration> offsets,
                                 @DefaultValue("PT5S") Duration firstRetryDelay,
                                 @DefaultValue("PT1M") Duration maxRetryDelay,
                                 @DefaultValue("log") Publisher publisher,
                                 String snsTopicArn,
                                 URI snsEndpoint) {

    public enum Publisher { LOG, SNS }
}
