package dev.scheduling.app.eventstore;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The calendars this node used last, in memory, so that a command does not load its calendar from the event store
 * (a snapshot and up to {@code snapshot-threshold} events, or all of a calendar's events) every time.
 * <p>
 * Another node may have written to a calendar since this node cached it. A command that the cached calendar
 * accepts needs no check: its events are appended right after the cached calendar's last one, so if another node
 * wrote meanwhile the append clashes on the calendar's (id, sequence) key, nothing is written, the entry is dropped
 * and the command is retried on the calendar as stored. A command that the cached calendar refuses (a slot another
 * node freed would look taken), or that it answers without an event (a retried booking), could be answered from a
 * stale calendar, so those outcomes are checked against the event store's last sequence number of the calendar (one
 * look-up in its unique index) before they stand: if the calendar had changed, the entry is dropped and the command
 * retried ({@link #staleOutcomeCheck()}). So the look-up is made where staleness could change the answer, not on
 * every accepted command, and not inside the calendar's lock on the way in.
 * <p>
 * Least recently used calendars are evicted beyond {@code maximumEntries}.
 */
final class VerifiedAggregateCache implements Cache {

    private static final String HIT = VerifiedAggregateCache.class.getName() + ".hit";

    private final Supplier<EventStore> eventStore;
    private final Map<Object, Object> entries;

    VerifiedAggregateCache(Supplier<EventStore> eventStore, int maximumEntries) {
        this.eventStore = eventStore;
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > maximumEntries;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value;
        synchronized (entries) {
            value = entries.get(key);
        }
        if (value instanceof AggregateCacheEntry<?> entry) {
            Aggregate<?> aggregate = aggregateOf(entry);
            if (aggregate == null) {
                remove(key);
                return null;
            }
            if (CurrentUnitOfWork.isStarted()) {
                // the command's outcome says whether the calendar must be checked: see staleOutcomeCheck(). Its own
                // unit of work: a command a saga sends runs in one nested in the saga's batch, shared by many commands
                CurrentUnitOfWork.get().resources().put(HIT, new Hit(key.toString(), aggregate, aggregate.version()));
            } else if (!isCurrent(key.toString(), aggregate.version())) {
                remove(key);
                return null;
            }
        }
        return (V) value;
    }

    /**
     * Checks the cached calendar a command used when its outcome depends on the calendar being current: a refusal,
     * or an answer without any event. A stale calendar's entry is dropped and the outcome replaced by a
     * {@link ConcurrencyException}, which has the command retried on the calendar as stored.
     */
    MessageHandlerInterceptor<CommandMessage<?>> staleOutcomeCheck() {
        return (unitOfWork, chain) -> {
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
            Hit hit = unitOfWork.getResource(HIT);
            if (hit != null && Objects.equals(hit.aggregate().version(), hit.cachedVersion())) {
                throwIfStale(unitOfWork, null);
            }
            return result;
        };
    }

    private void throwIfStale(UnitOfWork<?> unitOfWork, Exception outcome) {
        Hit hit = unitOfWork.getResource(HIT);
        if (hit != null && !isCurrent(hit.aggregateIdentifier(), hit.cachedVersion())) {
            remove(hit.aggregateIdentifier());
            ConcurrencyException stale = new ConcurrencyException("calendar " + hit.aggregateIdentifier()
                    + " had changed since this node cached it");
            if (outcome != null) {
                stale.addSuppressed(outcome);
            }
            throw stale;
        }
    }

    /** An entry made in this JVM hands back the aggregate it was made from, without rebuilding anything. */
    private static Aggregate<?> aggregateOf(AggregateCacheEntry<?> entry) {
        try {
            return entry.recreateAggregate(null, null, null, null);
        } catch (RuntimeException notOfThisJvm) {
            return null;
        }
    }

    private boolean isCurrent(String aggregateIdentifier, Long cachedVersion) {
        Optional<Long> storedVersion = eventStore.get().lastSequenceNumberFor(aggregateIdentifier);
        return Objects.equals(cachedVersion, storedVersion.orElse(null));
    }

    /** The cached calendar a command's unit of work used, and its version when it was taken from the cache. */
    private record Hit(String aggregateIdentifier, Aggregate<?> aggregate, Long cachedVersion) {
    }

    @Override
    public void put(Object key, Object value) {
        synchronized (entries) {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        synchronized (entries) {
            return entries.putIfAbsent(key, value) == null;
        }
    }

    @Override
    public boolean remove(Object key) {
        synchronized (entries) {
            return entries.remove(key) != null;
        }
    }

    @Override
    public void removeAll() {
        synchronized (entries) {
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the calendar cache has no listeners");
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
