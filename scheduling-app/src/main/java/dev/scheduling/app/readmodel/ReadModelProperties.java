package dev.scheduling.app.readmodel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * The DynamoDB read model (prefix {@code scheduling.read-model}).
 *
 * @param tableName        the appointments table (in AWS: the core stack's output {@code AppointmentsTableName})
 * @param calendarsTableName the calendars table, which holds each calendar's availability rules (in AWS: the output
 *                         {@code CalendarsTableName})
 * @param embedded         run DynamoDB Local inside the service, with its data in {@code scheduling.data-dir}/dynamodb
 * @param dynamodbEndpoint a DynamoDB endpoint to use instead (DynamoDB Local, moto); unset for AWS's own
 * @param createTable      create the tables from the CloudFormation template when they are missing (not in AWS,
 *                         where the stack owns them)
 * @param writers          how many of the projection's writes may be in flight at once, over all its segments
 * @param readers          how many calendars of one slot search are read at once
 * @param outageRetry      how the projection retries its writes while DynamoDB is unreachable: for up to
 *                         {@code window}, pausing at most {@code maxPause} between attempts (so it resumes within that
 *                         of DynamoDB's return); after the window the batch fails and the processor retries it later
 */
@ConfigurationProperties("scheduling.read-model")
public record ReadModelProperties(@DefaultValue("appointments-local") String tableName,
                                  @DefaultValue("calendars-local") String calendarsTableName,
                                  @DefaultValue("true") boolean embedded,
                                  URI dynamodbEndpoint,
                                  @DefaultValue("true") boolean createTable,
                                  @DefaultValue("16") int writers,
                                  @DefaultValue("8") int readers,
                                  @DefaultValue OutageRetry outageRetry) {

    public record OutageRetry(@DefaultValue("PT1M") Duration window, @DefaultValue("PT1S") Duration maxPause) {

        dev.scheduling.projections.dynamodb.OutageRetry policy() {
            Duration firstPause = Duration.ofMillis(50);
            return new dev.scheduling.projections.dynamodb.OutageRetry(window,
                    maxPause.compareTo(firstPause) < 0 ? maxPause : firstPause, maxPause);
        }
    }
}
