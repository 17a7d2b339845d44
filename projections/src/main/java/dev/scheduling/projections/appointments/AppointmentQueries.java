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

    private final AppointmentTable table;
    private final Duration longestAppointment;

    /**
     * @param longestAppointment the longest an appointment can last: a listing from {@code from} also looks that far
     *                           back for appointments that started earlier and are still running
     */
    public AppointmentQueries(AppointmentTable table, Duration longestAppointment) {
        this.table = table;
        this.longestAppointment = longestAppointment;
    }

    @QueryHandler
    public AppointmentView handle(FindAppointment query) {
        return table.get(query.appointmentId())
                    .filter(item -> item.getUserId().equals(query.userId()))
                    .map(AppointmentView::of)
                    .orElse(null);
    }

    @QueryHandler
    public AppointmentPage handle(FindAppointments query) {
        Instant from = query.from() == null ? UtcInstants.EARLIEST : query.from();
        Instant to = query.to() == null ? UtcInstants.LATEST : query.to().minusNanos(1);
        String lowestStart = UtcInstants.format(from.minus(longestAppointment));
        Iterator<Page<AppointmentItem>> pages = table.byUser(query.userId(), lowestStart, UtcInstants.format(to),
                filter(query), query.pageToken() == null ? null : query.pageToken().exclusiveStartKey(query.userId()),
                query.pageSize()).iterator();

        List<AppointmentView> found = new ArrayList<>();
        AppointmentItem last = null;
        while (pages.hasNext()) {
            Page<AppointmentItem> page = pages.next();
            Iterator<AppointmentItem> items = page.items().iterator();
            while (items.hasNext() && found.size() < query.pageSize()) {
                last = items.next();
                found.add(AppointmentView.of(last));
            }
            if (found.size() == query.pageSize()) {
                boolean more = items.hasNext() || page.lastEvaluatedKey() != null;
                return new AppointmentPage(found, more ? PageToken.after(last).encode() : null);
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
