package dev.scheduling.app.calendar;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The guard that keeps a calendar cached on this node ({@link CachingCalendarRepository}) from deciding on stale
 * state when another node wrote to it meanwhile; a visit's command is checked for each calendar it used.
 * <p>
 * A command that the cached calendar accepts needs no check: its events are appended right after the cached
 * calendar's last one, so if another node wrote meanwhile the append clashes on the calendar's (id, sequence) key
 * ({@link PostgresDuplicateKeyResolver}), nothing is written, the entry is dropped on rollback and the command is
 * retried on the calendar as stored ({@link CalendarCommands}). A command that the cached calendar refuses (a slot
 * another node freed would look taken), or that it answers without an event (a retried booking), could be answered
 * from a stale calendar, so those outcomes are checked against the event store's last sequence number of the calendar
 * (one look-up in its unique index) before they stand: if the calendar had changed, the outcome is replaced by a
 * {@link ConcurrencyException}, which has the command retried, and the calendar is marked shared with another node,
 * so that it is brought up to date before this command and the next ones ({@link CalendarCache#markShared}). So the
 * look-up is made where staleness could change the answer, and before the decision only on calendars that other
 * nodes write to too.
 */
final class StaleOutcomeCheck implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final Supplier<EventStore> eventStore;
    private final CalendarCache cache;

    StaleOutcomeCheck(Supplier<EventStore> eventStore, CalendarCache cache) {
        this.eventStore = eventStore;
        this.cache = cache;
    }

    /**
     * A cached calendar a command's unit of work used, and its version when it was taken from the cache;
     * {@code broughtUpToDate}: it was read from the event store as it was taken (as if loaded), nothing to check.
     */
    record CacheHit(String calendarId, Aggregate<?> calendar, Long cachedVersion, boolean broughtUpToDate) {

        private static final String RESOURCE = CacheHit.class.getName();

        static void record(UnitOfWork<?> command, String calendarId, Aggregate<?> calendar, Long version,
                           boolean broughtUpToDate) {
            command.<List<CacheHit>>getOrComputeResource(RESOURCE, key -> new ArrayList<>())
                   .add(new CacheHit(calendarId, calendar, version, broughtUpToDate));
        }

        /** Every cached calendar the command used: one, or each of a visit's. */
        static List<CacheHit> of(UnitOfWork<?> command) {
            List<CacheHit> hits = command.getResource(RESOURCE);
            return hits == null ? List.of() : hits;
        }

        boolean unchanged() {
            return Objects.equals(calendar.version(), cachedVersion);
        }
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object result;
        try {
            result = chain.proceed();
        } catch (Exception refusal) {
            try {
                throwIfStale(unitOfWork, refusal);
            } catch (ConcurrencyException stale) {
                throw stale;
            } catch (RuntimeException checkFailed) {
                // the event store cannot be asked (it may be what refused): the outcome stands as it is
                refusal.addSuppressed(checkFailed);
            }
            throw refusal;
        }
        List<CacheHit> hits = CacheHit.of(unitOfWork);
        if (!hits.isEmpty() && hits.stream().allMatch(CacheHit::unchanged)) {
            throwIfStale(unitOfWork, null); // answered without an event
        }
        return result;
    }

    private void throwIfStale(UnitOfWork<?> unitOfWork, Exception outcome) {
        for (CacheHit hit : CacheHit.of(unitOfWork)) {
            if (!hit.broughtUpToDate() && !isCurrent(hit.calendarId(), hit.cachedVersion())) {
                // unchanged by this command: brought up to date when the command is tried again
                cache.markShared(hit.calendarId());
                ConcurrencyException stale = new ConcurrencyException("calendar " + hit.calendarId()
                        + " had changed since this node cached it");
                if (outcome != null) {
                    stale.addSuppressed(outcome);
                }
                throw stale;
            }
        }
    }

    private boolean isCurrent(String calendarId, Long cachedVersion) {
        Optional<Long> storedVersion = eventStore.get().lastSequenceNumberFor(calendarId);
        return Objects.equals(cachedVersion, storedVersion.orElse(null));
    }
}
