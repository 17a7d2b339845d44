package dev.scheduling.app.readmodel;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.scheduling.app.OwnerOnly;
import dev.scheduling.app.SchedulingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DynamoDB Local inside the service, for the one-command local run: no port is opened, the data lives under the data
 * directory. Only where DynamoDB Local is on the class path: the production artifact (scheduling-service) leaves it
 * out, and needs {@code scheduling.read-model.dynamodb-endpoint} or the aws profile.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded")
@ConditionalOnExpression(ReadModelConfiguration.EMBEDDED)
public class EmbeddedDynamoDbConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDynamoDbConfiguration.class);

    /** DynamoDB Local reports usage to AWS unless told not to; this service sends nothing anywhere. */
    private static final boolean DISABLE_TELEMETRY = true;

    @Bean(destroyMethod = "shutdown")
    AmazonDynamoDBLocal embeddedDynamoDb(SchedulingProperties properties) throws IOException {
        // the file holds what the read model holds (personal fields sealed): this user's alone, like its folder
        Path directory = OwnerOnly.directory(properties.dataDir().resolve("dynamodb").toAbsolutePath().normalize());
        Path database = directory.resolve("read-model.db");
        log.info("Embedded DynamoDB Local with its data in {}", database);
        AmazonDynamoDBLocal dynamoDb = DynamoDBEmbedded.create(database.toFile(), DISABLE_TELEMETRY);
        if (Files.exists(database)) {
            OwnerOnly.file(database);
        }
        return dynamoDb;
    }

    @Bean(destroyMethod = "close")
    DynamoDbClient embeddedDynamoDbClient(AmazonDynamoDBLocal embedded) {
        return embedded.dynamoDbClient();
    }
}
