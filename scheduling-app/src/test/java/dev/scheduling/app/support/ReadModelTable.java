package dev.scheduling.app.support;

import dev.scheduling.app.support.EventStoreReader.ExpectedAppointment;
import dev.scheduling.projections.appointments.AppointmentItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The read model table as the tests see it, to be compared with what the event store says it must hold. */
public final class ReadModelTable {

    private final DynamoDbTable<AppointmentItem> table;

    public ReadModelTable(DynamoDbServer dynamoDb, String tableName) {
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb.client()).build()
                                           .table(tableName, TableSchema.fromBean(AppointmentItem.class));
    }

    /** Every item, read consistently. */
    public List<AppointmentItem> all() {
        List<AppointmentItem> items = new ArrayList<>();
        table.scan(ScanEnhancedRequest.builder().consistentRead(true).build()).items().forEach(items::add);
        return items;
    }

    public void delete(String userId, String appointmentId) {
        table.deleteItem(Key.builder().partitionValue(appointmentId).sortValue(userId).build());
    }

    public Map<String, ExpectedAppointment> items() {
        return all().stream().collect(Collectors.toMap(item -> EventStoreReader.key(item.getUserId(), item.getAppointmentId()),
                item -> new ExpectedAppointment(item.getAppointmentId(), item.getUserId(), Instant.parse(item.getStart()),
                        item.getEnd() == null ? null : Instant.parse(item.getEnd()), item.getStatus(), item.getVersion())));
    }

    /** Appointments where the table and the event store differ (missing on either side, or another state). */
    public static int differences(Map<String, ExpectedAppointment> expected, Map<String, ExpectedAppointment> actual) {
        Map<String, ExpectedAppointment> union = new HashMap<>(expected);
        union.putAll(actual);
        return (int) union.keySet().stream().filter(id -> !Objects.equals(expected.get(id), actual.get(id)))
                          .count();
    }
}
