package dev.scheduling.projections.appointments;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The {@code appointments} table: writes that never go backwards, reads by id and by user and start. */
public class AppointmentTable {

    private static final TableSchema<AppointmentItem> SCHEMA = TableSchema.fromBean(AppointmentItem.class);
    private static final int BATCH_LIMIT = 25;
    private static final int SCAN_PAGE = 500;

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<AppointmentItem> table;
    private final DynamoDbIndex<AppointmentItem> byUserAndStart;

    public AppointmentTable(DynamoDbEnhancedClient client, String tableName) {
        this.client = client;
        this.table = client.table(tableName, SCHEMA);
        this.byUserAndStart = table.index(AppointmentItem.BY_USER_AND_START);
    }

    /** Writes the whole item unless the table already holds this version of it or a later one. */
    public boolean putIfNewer(AppointmentItem item) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(AppointmentItem.class).item(item)
                                                .conditionExpression(olderOrAbsent(item.getVersion())).build());
            return true;
        } catch (ConditionalCheckFailedException alreadyNewer) {
            return false;
        }
    }

    /**
     * Writes the items as they are, whatever the table holds, in BatchWriteItem calls of 25; what DynamoDB leaves
     * unprocessed (throttling) is sent again after a pause that doubles up to a second. For a replay into an empty
     * table only: it does not look at versions.
     */
    public void putAll(Collection<AppointmentItem> items) {
        List<AppointmentItem> all = List.copyOf(items);
        for (int from = 0; from < all.size(); from += BATCH_LIMIT) {
            List<AppointmentItem> pending = all.subList(from, Math.min(all.size(), from + BATCH_LIMIT));
            long pauseMillis = 10;
            while (true) {
                WriteBatch.Builder<AppointmentItem> batch = WriteBatch.builder(AppointmentItem.class).mappedTableResource(table);
                pending.forEach(batch::addPutItem);
                pending = client.batchWriteItem(BatchWriteItemEnhancedRequest.builder().writeBatches(batch.build()).build())
                                .unprocessedPutItemsForTable(table);
                if (pending.isEmpty()) {
                    break;
                }
                pause(pauseMillis);
                pauseMillis = Math.min(1_000, pauseMillis * 2);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while DynamoDB was throttling the replay", e);
        }
    }

    /** Sets the non-null fields of {@code changes} on an existing item holding an older version. */
    public boolean updateIfNewer(AppointmentItem changes) {
        try {
            table.updateItem(UpdateItemEnhancedRequest.builder(AppointmentItem.class).item(changes).ignoreNulls(true)
                                                      .conditionExpression(existingAndOlder(changes.getVersion()))
                                                      .build());
            return true;
        } catch (ConditionalCheckFailedException missingOrNewer) {
            return false;
        }
    }

    /** Adds a reminder id to an item holding an older version. */
    public boolean addReminderIfNewer(String appointmentId, String reminderId, long version, String updatedAt) {
        return changeIfNewer(appointmentId, version, updatedAt, item -> addReminder(item, reminderId));
    }

    static void addReminder(AppointmentItem item, String reminderId) {
        List<String> sent = new ArrayList<>(item.getRemindersSent() == null ? List.of() : item.getRemindersSent());
        if (!sent.contains(reminderId)) {
            sent.add(reminderId);
        }
        item.setRemindersSent(sent);
    }

    /** Removes the title and location of an item holding an older version; ids, slot and status stay. */
    public boolean forgetPersonalDataIfNewer(String appointmentId, long version, String updatedAt) {
        return changeIfNewer(appointmentId, version, updatedAt, AppointmentTable::forgetPersonalData);
    }

    static void forgetPersonalData(AppointmentItem item) {
        item.setTitle(null);
        item.setLocation(null);
    }

    /** A change of an appointment made by the event at {@code version}. */
    record VersionedChange(long version, String updatedAt, Consumer<AppointmentItem> change) {
    }

    private boolean changeIfNewer(String appointmentId, long version, String updatedAt, Consumer<AppointmentItem> change) {
        return changeIfNewer(appointmentId, List.of(new VersionedChange(version, updatedAt, change)));
    }

    /**
     * Applies, in order, the changes newer than the stored item, in one write. One writer per appointment (the
     * projection processes a calendar's events in order), so a read, then a write conditional on the version read,
     * suffices.
     */
    boolean changeIfNewer(String appointmentId, List<VersionedChange> changes) {
        AppointmentItem item = table.getItem(r -> r.key(k -> k.partitionValue(appointmentId)).consistentRead(true));
        if (item == null) {
            return false;
        }
        long readVersion = item.getVersion();
        for (VersionedChange change : changes) {
            if (change.version() > item.getVersion()) {
                change.change().accept(item);
                item.setVersion(change.version());
                item.setUpdatedAt(change.updatedAt());
            }
        }
        if (item.getVersion() == readVersion) {
            return false;
        }
        try {
            table.putItem(PutItemEnhancedRequest.builder(AppointmentItem.class).item(item)
                                                .conditionExpression(Expression.builder()
                                                        .expression("#version = :read")
                                                        .putExpressionName("#version", "version")
                                                        .putExpressionValue(":read", AttributeValue.fromN(Long.toString(readVersion)))
                                                        .build())
                                                .build());
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    public Optional<AppointmentItem> get(String appointmentId) {
        return Optional.ofNullable(table.getItem(Key.builder().partitionValue(appointmentId).build()));
    }

    /** Pages of one user's items whose start lies in {@code [fromStart, toStartInclusive]}, in start order. */
    public Iterable<Page<AppointmentItem>> byUser(String userId, String fromStart, String toStartInclusive,
                                                  Expression filter, Map<String, AttributeValue> exclusiveStartKey,
                                                  int pageLimit) {
        QueryConditional range = QueryConditional.sortBetween(
                Key.builder().partitionValue(userId).sortValue(fromStart).build(),
                Key.builder().partitionValue(userId).sortValue(toStartInclusive).build());
        return byUserAndStart.query(QueryEnhancedRequest.builder().queryConditional(range).filterExpression(filter)
                                                        .exclusiveStartKey(exclusiveStartKey).limit(pageLimit)
                                                        .build());
    }

    public List<AppointmentItem> all() {
        List<AppointmentItem> items = new ArrayList<>();
        table.scan(ScanEnhancedRequest.builder().consistentRead(true).build()).items().forEach(items::add);
        return items;
    }

    /**
     * Deletes every item, in batches of 25, until the table is empty. Scans in pages of {@value #SCAN_PAGE} ids:
     * a page of DynamoDB's default 1 MB took longer than a call may take once the table held 200,000 items.
     */
    public int deleteAll() {
        int deleted = 0;
        List<Key> keys = new ArrayList<>();
        for (AppointmentItem item : table.scan(ScanEnhancedRequest.builder().attributesToProject("appointmentId")
                                                                  .limit(SCAN_PAGE).build()).items()) {
            keys.add(Key.builder().partitionValue(item.getAppointmentId()).build());
            if (keys.size() == BATCH_LIMIT) {
                deleted += delete(keys);
                keys.clear();
            }
        }
        return deleted + delete(keys);
    }

    /** Deletes the given items. */
    public int deleteAll(List<String> appointmentIds) {
        List<Key> keys = appointmentIds.stream().map(id -> Key.builder().partitionValue(id).build()).toList();
        int deleted = 0;
        for (int from = 0; from < keys.size(); from += BATCH_LIMIT) {
            deleted += delete(keys.subList(from, Math.min(keys.size(), from + BATCH_LIMIT)));
        }
        return deleted;
    }

    private int delete(List<Key> keys) {
        List<Key> pending = keys;
        while (!pending.isEmpty()) {
            WriteBatch.Builder<AppointmentItem> batch = WriteBatch.builder(AppointmentItem.class).mappedTableResource(table);
            pending.forEach(batch::addDeleteItem);
            BatchWriteResult result = client.batchWriteItem(BatchWriteItemEnhancedRequest.builder()
                                                                                        .writeBatches(batch.build())
                                                                                        .build());
            pending = result.unprocessedDeleteItemsForTable(table);
        }
        return keys.size();
    }

    private static Expression olderOrAbsent(long version) {
        return Expression.builder().expression("attribute_not_exists(#version) OR #version < :version")
                         .putExpressionName("#version", "version")
                         .putExpressionValue(":version", AttributeValue.fromN(Long.toString(version))).build();
    }

    private static Expression existingAndOlder(long version) {
        return Expression.builder().expression("attribute_exists(appointmentId) AND #version < :version")
                         .putExpressionName("#version", "version")
                         .putExpressionValue(":version", AttributeValue.fromN(Long.toString(version))).build();
    }
}
