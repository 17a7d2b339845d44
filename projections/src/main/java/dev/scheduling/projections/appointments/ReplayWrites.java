package dev.scheduling.projections.appointments;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The writes of a replay: the table emptied, then written whole, in BatchWriteItem calls of 25, unconditionally. */
final class ReplayWrites {

    private static final int BATCH_LIMIT = 25;
    private static final int SCAN_PAGE = 500;

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<AppointmentItem> table;

    ReplayWrites(DynamoDbEnhancedClient client, DynamoDbTable<AppointmentItem> table) {
        this.client = client;
        this.table = table;
    }

    /**
     * Writes the items as they are, whatever the table holds, in BatchWriteItem calls of 25; what DynamoDB leaves
     * unprocessed (throttling) is sent again after a pause that doubles up to a second. For a replay into an empty
     * table only: it does not look at versions.
     */
    void putAll(Collection<AppointmentItem> items) {
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

    /**
     * Deletes every item, in batches of 25, until the table is empty. Scans in pages of {@value #SCAN_PAGE} ids:
     * a page of DynamoDB's default 1 MB took longer than a call may take once the table held 200,000 items.
     */
    int deleteAll() {
        int deleted = 0;
        List<Key> keys = new ArrayList<>();
        for (AppointmentItem item : table.scan(ScanEnhancedRequest.builder().attributesToProject("appointmentId", "userId")
                                                                  .limit(SCAN_PAGE).build()).items()) {
            keys.add(AppointmentTable.key(item.getUserId(), item.getAppointmentId()));
            if (keys.size() == BATCH_LIMIT) {
                deleted += delete(keys);
                keys.clear();
            }
        }
        return deleted + delete(keys);
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

}
