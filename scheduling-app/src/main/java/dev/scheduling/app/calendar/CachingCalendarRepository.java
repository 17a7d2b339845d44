package dev.scheduling.app.calendar;

import dev.scheduling.domain.calendar.UserCalendar;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Objects;
import java.util.Optional;

/**
 * Axon's event-sourcing repository of calendars, keeping each calendar a command saved in a {@link CalendarCache} for
 * the next command, and telling {@link StaleOutcomeCheck} which cached calendars a command used (a visit uses several)
 * and at which version. A calendar changed by a unit of work that rolls back is never used again. A cached calendar
 * another node wrote to lately, or one of a visit's (whose calendars' last sequence numbers are read at once when they
 * are taken, {@link StoredVersions}), is brought up to date first: its newer events are applied to it (a read of the
 * events past the cached one, when there are any), rather than the command deciding on stale state, losing its race
 * and loading the calendar whole again.
 * Built on the repository's extension points only (load, save, rollback), as Axon's own caching repository is.
 */
final class CachingCalendarRepository extends EventSourcingRepository<UserCalendar> {

    private final CalendarCache cache;
    private final EventStore eventStore;

    CachingCalendarRepository(Builder<UserCalendar> builder, CalendarCache cache, EventStore eventStore) {
        super(builder);
        this.cache = cache;
        this.eventStore = eventStore;
    }

    @Override
    protected EventSourcedAggregate<UserCalendar> doLoadWithLock(String calendarId, Long expectedVersion) {
        EventSourcedAggregate<UserCalendar> cached = cache.get(calendarId);
        if (cached == null) {
            return super.doLoadWithLock(calendarId, expectedVersion);
        }
        Optional<Optional<Long>> readJustNow = StoredVersions.of(CurrentUnitOfWork.get(), calendarId);
        boolean broughtUpToDate = readJustNow.isPresent() || cache.isShared(calendarId);
        if (broughtUpToDate) {
            catchUp(calendarId, cached, readJustNow.orElseGet(() -> eventStore.lastSequenceNumberFor(calendarId)));
        }
        UnitOfWork<?> command = CurrentUnitOfWork.get();
        Long version = cached.version();
        // a command refused before it changed anything leaves the calendar as it was: kept; one whose changes are
        // rolled back (its commit failed, most likely to another node's append) would leave them in it: dropped
        command.onRollback(rolledBack -> {
            if (!Objects.equals(cached.version(), version)) {
                cache.remove(calendarId);
                cache.markShared(calendarId);
            }
        });
        // the command's own unit of work: a command a saga sends runs in one nested in the saga's batch
        StaleOutcomeCheck.CacheHit.record(command, calendarId, cached, version, broughtUpToDate);
        return cached;
    }

    @Override
    protected void doSaveWithLock(EventSourcedAggregate<UserCalendar> calendar) {
        super.doSaveWithLock(calendar);
        String calendarId = calendar.identifierAsString();
        CurrentUnitOfWork.get().onRollback(rolledBack -> cache.remove(calendarId));
        cache.put(calendarId, calendar);
    }

    /** Applies to the cached calendar the events other nodes appended since ({@code stored}: the last one's number). */
    private void catchUp(String calendarId, EventSourcedAggregate<UserCalendar> cached, Optional<Long> stored) {
        long next = cached.version() == null ? 0 : cached.version() + 1;
        if (stored.isPresent() && stored.get() >= next) {
            DomainEventStream newer = eventStore.readEvents(calendarId, next);
            cached.initializeState(newer);
        }
    }
}
