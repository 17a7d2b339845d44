package dev.scheduling.app.calendar;

import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.lock.LockFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The calendars' locks on this node. A command takes the calendars it changes all at once ({@link #lockTogether}: a
 * visit's, before it loads them; one calendar's through Axon's repository, {@link #obtainLock}), only when none of
 * them is held by another command, and in the order the commands asked: a command never holds one calendar while it
 * waits for another, so no two commands wait on each other, and no calendar stands idle while its holder waits for a
 * busier one (as with locks taken one after another, where every visit queues on its first calendar and then holds
 * it through its wait for the next). Among commands that share a calendar, whoever asked first goes first: a wait is
 * bounded by the commands queued ahead of it, and one beyond {@code maxWait} is refused
 * ({@link LockAcquisitionFailedException}) rather than left to hang. Taken again by the command that holds them, they
 * are counted, as Axon's repository takes each calendar it loads.
 */
final class CalendarLocks implements LockFactory {

    private static final Logger log = LoggerFactory.getLogger(CalendarLocks.class);
    /** A wait this long is worth a line in the log: calendars this busy limit what their commands can do. */
    private static final long SLOW_MILLIS = 1_000;

    /** A calendar held: by which thread, how many times. */
    private static final class Held {
        private final Thread owner;
        private int count;

        private Held(Thread owner) {
            this.owner = owner;
        }
    }

    private final long maxWaitNanos;
    /** Guarded by {@code this}, as is {@link #waiting}. */
    private final Map<String, Held> held = new HashMap<>();
    /** The requests not granted yet, in the order their commands first asked (a command tried again keeps its place). */
    private final LinkedList<Request> waiting = new LinkedList<>();
    /** When the command of this thread first asked, if it is being tried again ({@link #inTurnSince}). */
    private static final ThreadLocal<Long> FIRST_ASKED = new ThreadLocal<>();

    /** Calendars asked for, and when their command first asked. */
    private record Request(Set<String> calendars, long since) {
    }

    /**
     * Runs {@code attempt} with the calendars it asks for queued as of {@code since} (when its command first asked):
     * a command tried again after losing a race to another node waits behind those that asked before it, not behind
     * all that came since.
     */
    static <T> T inTurnSince(long since, java.util.function.Supplier<T> attempt) {
        Long outer = FIRST_ASKED.get();
        FIRST_ASKED.set(since);
        try {
            return attempt.get();
        } finally {
            if (outer == null) {
                FIRST_ASKED.remove();
            } else {
                FIRST_ASKED.set(outer);
            }
        }
    }

    CalendarLocks(Duration maxWait) {
        this.maxWaitNanos = maxWait.toNanos();
    }

    @Override
    public Lock obtainLock(String identifier) {
        return lockTogether(List.of(identifier));
    }

    /** Takes every one of {@code calendars} at once, in turn with the other commands asking for any of them. */
    Lock lockTogether(Collection<String> calendars) {
        Set<String> taken = new LinkedHashSet<>(calendars);
        long started = System.nanoTime();
        synchronized (this) {
            Thread self = Thread.currentThread();
            Set<String> asked = new LinkedHashSet<>();
            for (String calendar : taken) {
                Held holding = held.get(calendar);
                if (holding != null && holding.owner == self) {
                    holding.count++; // taken again by the command that holds it
                } else {
                    asked.add(calendar);
                }
            }
            if (!asked.isEmpty()) {
                awaitTurn(asked, taken, started, asked.size() < taken.size() || holdsAny(self));
                asked.forEach(calendar -> held.computeIfAbsent(calendar, c -> new Held(self)).count++);
            }
        }
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        if (waitedMillis >= SLOW_MILLIS) {
            log.warn("Waited {} ms for calendars {} ({} more commands waiting)", waitedMillis, taken, waitingCount());
        }
        return lockOf(taken);
    }

    /**
     * Queues {@code asked} and waits until it may be granted; guarded by {@code this}. A command that holds calendars
     * already does not queue behind others (one of them might wait for what it holds): it takes them once free.
     */
    private void awaitTurn(Set<String> asked, Set<String> taken, long started, boolean holdsSome) {
        Long firstAsked = FIRST_ASKED.get();
        Request request = new Request(asked, firstAsked == null ? started : firstAsked);
        int place = waiting.size();
        while (place > 0 && waiting.get(place - 1).since() - request.since() > 0) {
            place--;
        }
        waiting.add(place, request);
        try {
            while (!grantable(request, holdsSome)) {
                long left = maxWaitNanos - (System.nanoTime() - started);
                if (left <= 0) {
                    throw new LockAcquisitionFailedException("Waited " + maxWaitNanos / 1_000_000 + " ms for calendars "
                            + asked + ", which other commands on this node kept busy");
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(taken, asked);
            throw new LockAcquisitionFailedException("Interrupted while waiting for calendars " + asked, e);
        } catch (RuntimeException refused) {
            release(taken, asked);
            throw refused;
        } finally {
            waiting.removeIf(queued -> queued == request);
            notifyAll(); // whoever queued behind this request may go now, or at least look again
        }
    }

    /** Whether none of {@code asked} is held, and (but for a holder) no request ahead of it asks for any of them. */
    private boolean grantable(Request request, boolean holdsSome) {
        for (String calendar : request.calendars()) {
            if (held.containsKey(calendar)) {
                return false;
            }
        }
        if (holdsSome) {
            return true;
        }
        for (Request ahead : waiting) {
            if (ahead == request) {
                return true;
            }
            if (!Collections.disjoint(ahead.calendars(), request.calendars())) {
                return false;
            }
        }
        return true;
    }

    private boolean holdsAny(Thread thread) {
        return held.values().stream().anyMatch(holding -> holding.owner == thread);
    }

    private Lock lockOf(Set<String> taken) {
        Thread owner = Thread.currentThread();
        long granted = System.nanoTime();
        return new Lock() {
            private boolean released;

            @Override
            public void release() {
                synchronized (CalendarLocks.this) {
                    if (released) {
                        return;
                    }
                    released = true;
                    CalendarLocks.this.release(taken, Set.of());
                    CalendarLocks.this.notifyAll();
                }
                long heldMillis = (System.nanoTime() - granted) / 1_000_000;
                if (heldMillis >= SLOW_MILLIS) {
                    log.warn("Held calendars {} for {} ms", taken, heldMillis);
                }
            }

            @Override
            public boolean isHeld() {
                synchronized (CalendarLocks.this) {
                    return !released && taken.stream().allMatch(c -> held.containsKey(c) && held.get(c).owner == owner);
                }
            }
        };
    }

    /** Gives back one count of each of {@code calendars} but those in {@code notTaken}; guarded by {@code this}. */
    private void release(Set<String> calendars, Set<String> notTaken) {
        for (String calendar : calendars) {
            Held holding = held.get(calendar);
            if (!notTaken.contains(calendar) && holding != null && --holding.count == 0) {
                held.remove(calendar);
            }
        }
    }

    /** How many calendars are held now. */
    synchronized int heldCount() {
        return held.size();
    }

    /** How many commands wait for calendars now. */
    synchronized int waitingCount() {
        return waiting.size();
    }
}
