package dev.scheduling.projections.dynamodb;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import dev.scheduling.projections.appointments.AppointmentItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** DynamoDB Local's engine, in this JVM, with tables created from the CloudFormation template. */
public final class LocalDynamoDb {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbClient client;

    private LocalDynamoDb() {
    }

    public static synchronized DynamoDbClient client() {
        if (client == null) {
            client = DynamoDBEmbedded.create(true).dynamoDbClient(); // in memory, telemetry disabled
        }
        return client;
    }

    public static DynamoDbEnhancedClient enhancedClient() {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(client()).build();
    }

    /** A new appointments table, as the template defines it; returns its name. */
    public static String newAppointmentsTable() {
        String name = "appointments-test-" + TABLES.incrementAndGet();
        Tables.ensure(client(), TableDefinitions.fromClasspath(TableDefinitions.CORE_TEMPLATE)
                                                .table(TableDefinitions.APPOINTMENTS_TABLE, name));
        return name;
    }

    /** A new calendars table, as the template defines it; returns its name. */
    public static String newCalendarsTable() {
        String name = "calendars-test-" + TABLES.incrementAndGet();
        Tables.ensure(client(), TableDefinitions.fromClasspath(TableDefinitions.CORE_TEMPLATE)
                                                .table(TableDefinitions.CALENDARS_TABLE, name));
        return name;
    }

    /** Every item of an appointments table, read consistently. */
    public static List<AppointmentItem> appointments(String tableName) {
        List<AppointmentItem> items = new ArrayList<>();
        enhancedClient().table(tableName, TableSchema.fromBean(AppointmentItem.class))
                        .scan(ScanEnhancedRequest.builder().consistentRead(true).build()).items().forEach(items::add);
        return items;
    }
}
