package dev.scheduling.app.calendar;

import dev.scheduling.domain.calendar.UserCalendar;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Axon's event-sourcing repository of calendars, keeping each calendar a command saved in a {@link CalendarCache} for
 * the next command, and telling {@link StaleOutcomeCheck} which cached calendar a command used and at which version.
 * Built on the repository's extension points only (load, save, rollback), as Axon's own caching repository is.
 */
final class CachingCalendarRepository extends EventSourcingRepository<UserCalendar> {

    private final CalendarCache cache;

    CachingCalendarRepository(Builder<UserCalendar> builder, CalendarCache cache) {
        super(builder);
        this.cache = cache;
    }

    @Override
    protected EventSourcedAggregate<UserCalendar> doLoadWithLock(String calendarId, Long expectedVersion) {
        EventSourcedAggregate<UserCalendar> cached = cache.get(calendarId);
        if (cached == null) {
            return super.doLoadWithLock(calendarId, expectedVersion);
        }
        UnitOfWork<?> command = CurrentUnitOfWork.get();
        command.onRollback(rolledBack -> cache.remove(calendarId));
        // the command's own unit of work: a command a saga sends runs in one nested in the saga's batch
        StaleOutcomeCheck.CacheHit.record(command, calendarId, cached, cached.version());
        return cached;
    }

    @Override
    protected void doSaveWithLock(EventSourcedAggregate<UserCalendar> calendar) {
        super.doSaveWithLock(calendar);
        String calendarId = calendar.identifierAsString();
        CurrentUnitOfWork.get().onRollback(rolledBack -> cache.remove(calendarId));
        cache.put(calendarId, calendar);
    }
}
