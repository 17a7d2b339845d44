package dev.scheduling.app.eventstore;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The calendars this node used last, in memory, so that a command does not load its calendar from the event store
 * (a snapshot and up to {@code snapshot-threshold} events, or all of a calendar's events) every time.
 * <p>
 * Another node may have written to a calendar since this node cached it. Writes from a stale calendar cannot land
 * (the append clashes on the calendar's sequence number, the cache entry is dropped and the command retried), but
 * decisions could still be wrong: a slot another node freed would be refused as overlapping. So every hit is
 * checked against the event store's last sequence number of the calendar (one look-up in its unique index), under
 * the calendar's lock, and a stale entry is dropped and the calendar loaded afresh.
 * <p>
 * Least recently used calendars are evicted beyond {@code maximumEntries}.
 */
final class VerifiedAggregateCache implements Cache {

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
        if (value instanceof AggregateCacheEntry<?> entry && !isCurrent(key.toString(), entry)) {
            remove(key);
            return null;
        }
        return (V) value;
    }

    private boolean isCurrent(String aggregateIdentifier, AggregateCacheEntry<?> entry) {
        Long cachedVersion;
        try {
            // an entry made in this JVM hands back the aggregate it was made from, without rebuilding anything
            cachedVersion = entry.recreateAggregate(null, null, null, null).version();
        } catch (RuntimeException notOfThisJvm) {
            return false;
        }
        Optional<Long> storedVersion = eventStore.get().lastSequenceNumberFor(aggregateIdentifier);
        return Objects.equals(cachedVersion, storedVersion.orElse(null));
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
