package dev.scheduling.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.app.availability.AvailabilityDocument;
import dev.scheduling.app.eventstore.EventStoreOutages;
import dev.scheduling.domain.calendar.CalendarEvent;
import dev.scheduling.domain.calendar.CalendarState;
import dev.scheduling.domain.calendar.CommandMetadata;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A calendar's history, straight from the event store (never the read model, never a snapshot): every event from
 * the first, with who acted and under which correlation id, and the calendar as it stood at any instant.
 */
public class CalendarHistory {

    private final EventStore eventStore;
    private final EventStoreOutages outages;
    private final ObjectMapper json;

    public CalendarHistory(EventStore eventStore, EventStoreOutages outages, ObjectMapper storageObjectMapper) {
        this.eventStore = eventStore;
        this.outages = outages;
        this.json = storageObjectMapper;
    }

    /** The filter of a history request; null bounds are open. */
    public record Filter(Instant from, Instant to, String appointmentId) implements Predicate<HistoryEntry> {
        @Override
        public boolean test(HistoryEntry entry) {
            return (from == null || !entry.time().isBefore(from)) && (to == null || entry.time().isBefore(to))
                    && (appointmentId == null || appointmentId.equals(entry.appointmentId()));
        }
    }

    /** Up to {@code pageSize} entries matching {@code filter}, from sequence {@code fromSequence} on. */
    public HistoryPage page(UserId user, Filter filter, long fromSequence, int pageSize) {
        return outages.call(() -> readPage(user, filter, fromSequence, pageSize));
    }

    private HistoryPage readPage(UserId user, Filter filter, long fromSequence, int pageSize) {
        List<HistoryEntry> entries = new ArrayList<>();
        DomainEventStream events = eventStore.readEvents(user.toString(), fromSequence);
        while (events.hasNext()) {
            HistoryEntry entry = entry(events.next());
            if (filter.test(entry)) {
                if (entries.size() == pageSize) {
                    return new HistoryPage(user.toString(), entries, HistoryPageToken.encode(entry.sequence()));
                }
                entries.add(entry);
            }
        }
        return new HistoryPage(user.toString(), entries, null);
    }

    /**
     * Every event of one stream other than a calendar's (an appointment of several calendars' own decisions), in
     * order, each with its actor and correlation id. Such a stream is short: a request, a count per calendar, an
     * outcome, perhaps a cancellation.
     */
    public List<HistoryEntry> entries(String aggregateId) {
        return outages.call(() -> {
            List<HistoryEntry> entries = new ArrayList<>();
            DomainEventStream events = eventStore.readEvents(aggregateId, 0);
            while (events.hasNext()) {
                entries.add(entry(events.next()));
            }
            return entries;
        });
    }

    /** Every entry matching {@code filter}, one at a time, without holding them. */
    public void stream(UserId user, Filter filter, Consumer<HistoryEntry> consumer) {
        outages.run(() -> readAll(user, filter, consumer));
    }

    private void readAll(UserId user, Filter filter, Consumer<HistoryEntry> consumer) {
        DomainEventStream events = eventStore.readEvents(user.toString(), 0);
        while (events.hasNext()) {
            HistoryEntry entry = entry(events.next());
            if (filter.test(entry)) {
                consumer.accept(entry);
            }
        }
    }

    /** The calendar's events up to and including {@code asOf}, folded as the calendar itself folds them. */
    public CalendarAsOf asOf(UserId user, Instant asOf) {
        return outages.call(() -> fold(user, asOf));
    }

    private CalendarAsOf fold(UserId user, Instant asOf) {
        CalendarState state = new CalendarState();
        Long lastSequence = null;
        DomainEventStream events = eventStore.readEvents(user.toString(), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (!event.getTimestamp().isAfter(asOf)) {
                lastSequence = event.getSequenceNumber();
                state.evolve(event.getPayload());
            }
        }
        List<CalendarAsOf.Entry> appointments = state.booked().stream()
                .map(appointment -> new CalendarAsOf.Entry(appointment.id().toString(), appointment.slot().start(),
                        appointment.slot().end(), appointment.details().title(), appointment.details().location(),
                        appointment.details().timeZone().getId()))
                .toList();
        return new CalendarAsOf(user.toString(), asOf, lastSequence, appointments,
                state.availability() == null ? null : AvailabilityDocument.of(state.availability()));
    }

    private HistoryEntry entry(DomainEventMessage<?> event) {
        Object payload = event.getPayload();
        String appointmentId = payload instanceof CalendarEvent calendarEvent
                ? calendarEvent.appointmentId().toString() : null;
        JsonNode payloadJson = json.valueToTree(payload);
        return new HistoryEntry(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                revision(payload), event.getTimestamp(), text(event.getMetaData().get(CommandMetadata.ACTOR)),
                text(event.getMetaData().get(CommandMetadata.CLIENT_ID)),
                text(event.getMetaData().get(CommandMetadata.CORRELATION_ID)), appointmentId, payloadJson);
    }

    private static String revision(Object payload) {
        var revision = payload.getClass().getAnnotation(org.axonframework.serialization.Revision.class);
        return revision == null ? null : revision.value();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
