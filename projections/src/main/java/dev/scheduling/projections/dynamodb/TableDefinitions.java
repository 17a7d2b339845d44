package dev.scheduling.projections.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Table definitions read from the CloudFormation template that provisions them in AWS, so that local and test tables
 * are the same tables: keys, attributes, indexes and billing mode come from the template, the name from
 * configuration (in AWS the stack names it).
 */
public final class TableDefinitions {

    public static final String CORE_TEMPLATE = "cloudformation/scheduling-core.yaml";
    public static final String APPOINTMENTS_TABLE = "AppointmentsTable";
    public static final String CALENDARS_TABLE = "CalendarsTable";
    private static final String TABLE_TYPE = "AWS::DynamoDB::Table";

    private final JsonNode resources;
    private final String template;

    private TableDefinitions(String template, JsonNode resources) {
        this.template = template;
        this.resources = resources;
    }

    /** Reads a template from the classpath. CloudFormation's short tags ({@code !Sub}, {@code !Ref}) are ignored. */
    public static TableDefinitions fromClasspath(String template) {
        try (InputStream in = TableDefinitions.class.getClassLoader().getResourceAsStream(template)) {
            if (in == null) {
                throw new IllegalStateException("No template " + template + " on the classpath");
            }
            return new TableDefinitions(template, new YAMLMapper().readTree(in).path("Resources"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + template, e);
        }
    }

    /** The table of the template's resource {@code logicalId}, to be created under {@code tableName}. */
    public CreateTableRequest table(String logicalId, String tableName) {
        JsonNode resource = resources.path(logicalId);
        if (!TABLE_TYPE.equals(resource.path("Type").asText())) {
            throw new IllegalStateException(template + " has no " + TABLE_TYPE + " named " + logicalId);
        }
        JsonNode properties = resource.path("Properties");
        List<AttributeDefinition> attributes = new ArrayList<>();
        properties.path("AttributeDefinitions").forEach(a -> attributes.add(AttributeDefinition.builder()
                .attributeName(a.path("AttributeName").asText()).attributeType(a.path("AttributeType").asText())
                .build()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        properties.path("GlobalSecondaryIndexes").forEach(index -> indexes.add(GlobalSecondaryIndex.builder()
                .indexName(index.path("IndexName").asText())
                .keySchema(keySchema(index.path("KeySchema")))
                .projection(projection(index.path("Projection")))
                .build()));
        BillingMode billing = BillingMode.fromValue(properties.path("BillingMode").asText("PROVISIONED"));
        if (billing != BillingMode.PAY_PER_REQUEST) {
            throw new IllegalStateException(logicalId + " must use on-demand billing (PAY_PER_REQUEST)");
        }
        return CreateTableRequest.builder()
                                 .tableName(tableName)
                                 .attributeDefinitions(attributes)
                                 .keySchema(keySchema(properties.path("KeySchema")))
                                 .globalSecondaryIndexes(indexes.isEmpty() ? null : indexes)
                                 .billingMode(billing)
                                 .build();
    }

    private static List<KeySchemaElement> keySchema(JsonNode keys) {
        List<KeySchemaElement> schema = new ArrayList<>();
        keys.forEach(k -> schema.add(KeySchemaElement.builder().attributeName(k.path("AttributeName").asText())
                                                     .keyType(k.path("KeyType").asText()).build()));
        return schema;
    }

    private static Projection projection(JsonNode projection) {
        List<String> nonKey = new ArrayList<>();
        projection.path("NonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
        return Projection.builder().projectionType(projection.path("ProjectionType").asText("ALL"))
                         .nonKeyAttributes(nonKey.isEmpty() ? null : nonKey).build();
    }
}
