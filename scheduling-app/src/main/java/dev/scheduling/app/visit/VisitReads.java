package dev.scheduling.app.visit;

import dev.scheduling.app.eventstore.EventStoreOutages;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.visit.VisitState;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Optional;

/**
 * A visit as its own events tell it, read from the event store (never from the read model: a visit is read right
 * after it is decided, on any node), folded by {@link VisitState}, the fold the visit itself decides on.
 */
public class VisitReads {

    private final EventStore eventStore;
    private final EventStoreOutages outages;

    public VisitReads(EventStore eventStore, EventStoreOutages outages) {
        this.eventStore = eventStore;
        this.outages = outages;
    }

    /** The visit of that id; empty when there is none (never booked or held on every calendar). */
    public Optional<VisitState> read(AppointmentId id) {
        return outages.call(() -> {
            VisitState visit = VisitState.NONE;
            // a visit is never snapshotted: its events, without looking for a snapshot first
            DomainEventStream events = eventStore.readEvents(id.toString(), 0);
            while (events.hasNext()) {
                visit = visit.evolve(events.next().getPayload());
            }
            return Optional.of(visit).filter(VisitState::exists);
        });
    }
}
