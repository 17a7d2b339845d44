package dev.scheduling.projections.appointments;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import dev.scheduling.domain.calendar.AppointmentStatus;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.projections.dynamodb.UtcInstants;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code appointments} table: writes that never go backwards, reads by id and by user and start. */
public class AppointmentTable {

    private static final TableSchema<AppointmentItem> SCHEMA = TableSchema.fromBean(AppointmentItem.class);

    /** DynamoDB's limit on the writes of one transaction. */
    public static final int TRANSACTION_LIMIT = 100;

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<AppointmentItem> table;
    private final DynamoDbIndex<AppointmentItem> byUserAndStart;
    private final ReplayWrites replay;

    public AppointmentTable(DynamoDbEnhancedClient client, String tableName) {
        this.client = client;
        this.table = client.table(tableName, SCHEMA);
        this.byUserAndStart = table.index(AppointmentItem.BY_USER_AND_START);
        this.replay = new ReplayWrites(client, table);
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
     * Writes up to {@value #TRANSACTION_LIMIT} whole items, each unless the table already holds its version or a later
     * one, in one transaction: one round trip (and, in DynamoDB Local, one commit to disk) instead of one each, which is
     * what lets a read model catch up after an outage. When any item is already as new (a redelivered batch) or
     * another write touches one meanwhile, the transaction writes nothing and each item is written on its own.
     */
    public void putAllIfNewer(List<AppointmentItem> items) {
        if (items.size() > TRANSACTION_LIMIT) {
            throw new IllegalArgumentException("at most " + TRANSACTION_LIMIT + " items a transaction");
        }
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder();
        items.forEach(item -> transaction.addPutItem(table, TransactPutItemEnhancedRequest.builder(AppointmentItem.class)
                .item(item).conditionExpression(olderOrAbsent(item.getVersion())).build()));
        try {
            client.transactWriteItems(transaction.build());
        } catch (TransactionCanceledException conditionOrConflict) {
            items.forEach(this::putIfNewer);
        }
    }

    /** For a replay into an empty table only: see {@link ReplayWrites#putAll}. */
    public void putAll(Collection<AppointmentItem> items) {
        replay.putAll(items);
    }

    /**
     * Applies, in order, the changes newer than the stored item, in one write. One writer per appointment (the
     * projection processes a calendar's events in order), so a read, then a write conditional on the version read,
     * suffices. An appointment the table does not hold is left alone: its booking is older than the table (a replay
     * clears it first).
     */
    boolean applyChanges(String userId, String appointmentId, List<AppointmentChange> changes) {
        AppointmentItem item = table.getItem(r -> r.key(key(userId, appointmentId)).consistentRead(true));
        if (item == null) {
            return false;
        }
        long readVersion = item.getVersion();
        boolean applied = false;
        for (AppointmentChange change : changes) {
            applied |= change.applyTo(item);
        }
        if (!applied) {
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

    /** The appointment's item on that calendar. */
    public Optional<AppointmentItem> get(String userId, String appointmentId) {
        return Optional.ofNullable(table.getItem(key(userId, appointmentId)));
    }

    static Key key(String userId, String appointmentId) {
        return Key.builder().partitionValue(appointmentId).sortValue(userId).build();
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

    /**
     * The slots of the user's booked appointments that reach into {@code [from, to)}, by start: one query of the
     * index (appointments starting from {@code longest} before {@code from}), only their times read. More than
     * {@code atMost} of them is refused ({@link InvalidQueryException}): a shorter range must be asked for.
     */
    public List<TimeSlot> bookedSlots(String userId, Instant from, Instant to, Duration longest, int atMost) {
        QueryConditional range = QueryConditional.sortBetween(
                Key.builder().partitionValue(userId).sortValue(UtcInstants.format(from.minus(longest))).build(),
                Key.builder().partitionValue(userId).sortValue(UtcInstants.format(to.minusNanos(1))).build());
        Expression booked = Expression.builder().expression("#status = :booked AND #end > :from")
                                      .putExpressionName("#status", "status").putExpressionName("#end", "end")
                                      .putExpressionValue(":booked", AttributeValue.fromS(AppointmentStatus.BOOKED.name()))
                                      .putExpressionValue(":from", AttributeValue.fromS(UtcInstants.format(from)))
                                      .build();
        List<TimeSlot> slots = new ArrayList<>();
        QueryEnhancedRequest request = QueryEnhancedRequest.builder().queryConditional(range).filterExpression(booked)
                                                           .attributesToProject("start", "end").build();
        for (Page<AppointmentItem> page : byUserAndStart.query(request)) {
            for (AppointmentItem item : page.items()) {
                if (slots.size() == atMost) {
                    throw new InvalidQueryException("to", "the range holds more than " + atMost
                            + " appointments of calendar " + userId + ": ask for a shorter one");
                }
                slots.add(new TimeSlot(UtcInstants.parse(item.getStart()), UtcInstants.parse(item.getEnd())));
            }
        }
        return slots;
    }

    /** Empties the table before a replay: see {@link ReplayWrites#deleteAll}. */
    public int deleteAll() {
        return replay.deleteAll();
    }

    private static Expression olderOrAbsent(long version) {
        return Expression.builder().expression("attribute_not_exists(#version) OR #version < :version")
                         .putExpressionName("#version", "version")
                         .putExpressionValue(":version", AttributeValue.fromN(Long.toString(version))).build();
    }
}
