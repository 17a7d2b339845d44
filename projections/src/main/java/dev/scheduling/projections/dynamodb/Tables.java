package dev.scheduling.projections.dynamodb;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.Set;
import java.util.stream.Collectors;

/** Creates a table from its definition when it is missing, and refuses one whose keys or indexes differ from it. */
public final class Tables {

    private static final Logger log = LoggerFactory.getLogger(Tables.class);

    private Tables() {
    }

    public static void ensure(DynamoDbClient dynamoDb, CreateTableRequest definition) {
        TableDescription existing;
        try {
            existing = dynamoDb.describeTable(r -> r.tableName(definition.tableName())).table();
        } catch (ResourceNotFoundException missing) {
            log.info("Creating DynamoDB table {} from the CloudFormation template", definition.tableName());
            dynamoDb.createTable(definition);
            dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(definition.tableName()));
            return;
        }
        if (!existing.keySchema().equals(definition.keySchema())
                || !indexNames(existing).equals(definition.globalSecondaryIndexes().stream()
                                                          .map(i -> i.indexName()).collect(Collectors.toSet()))) {
            throw new IllegalStateException("DynamoDB table " + definition.tableName()
                    + " differs from its CloudFormation definition; delete it to have it created anew and replay "
                    + "the projection");
        }
    }

    private static Set<String> indexNames(TableDescription table) {
        return table.globalSecondaryIndexes().stream().map(GlobalSecondaryIndexDescription::indexName)
                    .collect(Collectors.toSet());
    }
}
