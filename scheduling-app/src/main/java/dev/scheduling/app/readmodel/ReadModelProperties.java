package dev.scheduling.app.readmodel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;

/**
 * The DynamoDB read model (prefix {@code scheduling.read-model}).
 *
 * @param tableName        the appointments table (in AWS: the core stack's output {@code AppointmentsTableName})
 * @param embedded         run DynamoDB Local inside the service, with its data in {@code scheduling.data-dir}/dynamodb
 * @param dynamodbEndpoint a DynamoDB endpoint to use instead (DynamoDB Local, moto); unset for AWS's own
 * @param createTable      create the table from the CloudFormation template when it is missing (not in AWS, where
 *                         the stack owns it)
 */
@ConfigurationProperties("scheduling.read-model")
public record ReadModelProperties(@DefaultValue("appointments-local") String tableName,
                                  @DefaultValue("true") boolean embedded,
                                  URI dynamodbEndpoint,
                                  @DefaultValue("true") boolean createTable) {
}
