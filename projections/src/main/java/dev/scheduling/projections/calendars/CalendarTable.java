package dev.scheduling.projections.calendars;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Optional;

/** The {@code calendars} table: a calendar's rules, written only forwards (by version), read by calendar id. */
public class CalendarTable {

    private static final TableSchema<CalendarItem> SCHEMA = TableSchema.fromBean(CalendarItem.class);

    private final DynamoDbTable<CalendarItem> table;

    public CalendarTable(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, SCHEMA);
    }

    /** Writes the whole item unless the table holds this version of it or a later one. */
    public boolean putIfNewer(CalendarItem item) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(CalendarItem.class).item(item).conditionExpression(
                    Expression.builder().expression("attribute_not_exists(#version) OR #version < :version")
                              .putExpressionName("#version", "version")
                              .putExpressionValue(":version", AttributeValue.fromN(Long.toString(item.getVersion())))
                              .build()).build());
            return true;
        } catch (ConditionalCheckFailedException alreadyNewer) {
            return false;
        }
    }

    public Optional<CalendarItem> get(String calendarId) {
        return Optional.ofNullable(table.getItem(Key.builder().partitionValue(calendarId).build()));
    }

    /** Empties the table before a replay; one item per calendar with rules, so a scan of ids and a delete each. */
    public int deleteAll() {
        int deleted = 0;
        for (CalendarItem item : table.scan(ScanEnhancedRequest.builder().attributesToProject("calendarId").build())
                                      .items()) {
            table.deleteItem(Key.builder().partitionValue(item.getCalendarId()).build());
            deleted++;
        }
        return deleted;
    }
}
