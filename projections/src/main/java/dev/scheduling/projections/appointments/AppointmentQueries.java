package dev.scheduling.projections.appointments;

import dev.scheduling.projections.dynamodb.UtcInstants;
import org.axonframework.queryhandling.QueryHandler;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Answers calendar queries from the read model; never from the event store. */
public class AppointmentQueries {

    /** The most items one listing request reads from DynamoDB, whatever its page size and filter. */
    static final int MAX_ITEMS_READ = 1_000;
    private static final int MIN_ITEMS_PER_READ = 100;

    private final AppointmentTable table;
    private final PersonalFields personalFields;
    private final Duration longestAppointment;

    /**
     * @param personalFields     opens the titles and locations the table holds sealed
     * @param longestAppointment the longest an appointment can last: a listing from {@code from} also looks that far
     *                           back for appointments that started earlier and are still running
     */
    public AppointmentQueries(AppointmentTable table, PersonalFields personalFields, Duration longestAppointment) {
        this.table = table;
        this.personalFields = personalFields;
        this.longestAppointment = longestAppointment;
    }

    @QueryHandler
    public AppointmentView handle(FindAppointment query) {
        return table.get(query.userId(), query.appointmentId())
                    .map(item -> AppointmentView.of(item, personalFields))
                    .orElse(null);
    }

    /**
     * A page of the user's appointments. With a status filter DynamoDB reads items it then drops, so one request
     * reads at most {@value #MAX_ITEMS_READ} items: a page may hold fewer than {@code pageSize} appointments (even
     * none) and still name a next page.
     */
    @QueryHandler
    public AppointmentPage handle(FindAppointments query) {
        Instant from = query.from() == null ? UtcInstants.EARLIEST : query.from();
        Instant to = query.to() == null ? UtcInstants.LATEST : query.to().minusNanos(1);
        String lowestStart = UtcInstants.format(from.minus(longestAppointment));
        String highestStart = UtcInstants.format(to);
        if (query.pageToken() != null && (query.pageToken().start().compareTo(lowestStart) < 0
                || query.pageToken().start().compareTo(highestStart) > 0)) {
            throw new InvalidQueryException("pageToken", "does not belong to this listing (its from and to)");
        }
        int readLimit = Math.max(query.pageSize(), MIN_ITEMS_PER_READ);
        Iterator<Page<AppointmentItem>> pages = table.byUser(query.userId(), lowestStart, highestStart, filter(query),
                query.pageToken() == null ? null : query.pageToken().exclusiveStartKey(query.userId()), readLimit)
                                                     .iterator();

        List<AppointmentView> found = new ArrayList<>();
        AppointmentItem last = null;
        int read = 0;
        while (pages.hasNext()) {
            Page<AppointmentItem> page = pages.next();
            Iterator<AppointmentItem> items = page.items().iterator();
            while (items.hasNext() && found.size() < query.pageSize()) {
                last = items.next();
                found.add(AppointmentView.of(last, personalFields));
            }
            if (found.size() == query.pageSize()) {
                boolean more = items.hasNext() || page.lastEvaluatedKey() != null;
                return new AppointmentPage(found, more ? PageToken.after(last).encode() : null);
            }
            read += page.scannedCount() == null ? readLimit : page.scannedCount();
            if (page.lastEvaluatedKey() != null && read + readLimit > MAX_ITEMS_READ) {
                return new AppointmentPage(found, PageToken.at(page.lastEvaluatedKey()).encode());
            }
        }
        return new AppointmentPage(found, null);
    }

    private static Expression filter(FindAppointments query) {
        List<String> conditions = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (query.from() != null) {
            conditions.add("#end > :from");
            names.put("#end", "end");
            values.put(":from", AttributeValue.fromS(UtcInstants.format(query.from())));
        }
        if (query.status() != StatusFilter.ALL) {
            conditions.add("#status = :status");
            names.put("#status", "status");
            values.put(":status", AttributeValue.fromS(query.status().name()));
        }
        if (conditions.isEmpty()) {
            return null;
        }
        return Expression.builder().expression(String.join(" AND ", conditions)).expressionNames(names)
                         .expressionValues(values).build();
    }
}
