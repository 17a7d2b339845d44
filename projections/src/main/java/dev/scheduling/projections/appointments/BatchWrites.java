package dev.scheduling.projections.appointments;

import dev.scheduling.projections.dynamodb.OutageRetry;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.tracing.SpanFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * The {@link AppointmentChange}s of one batch of events, written once the batch's last event is handled (before the
 * processor stores its token; at the latest when its unit of work prepares its commit) instead of one round trip after
 * the other as the events come:
 * <ul>
 * <li>an appointment booked in the batch is folded in memory with the batch's later changes to it and written whole
 * once: conditionally on its version (absent or older), many of them together in transactions
 * ({@link AppointmentTable#putAllIfNewer}), or, in a replay, which starts from an empty table, unconditionally in
 * BatchWriteItem calls of 25;</li>
 * <li>an appointment the batch only changes is read, its changes newer than it applied in order, and written back
 * conditionally on the version read ({@link AppointmentTable#applyChanges});</li>
 * <li>the appointments are written in parallel (each appointment's changes stay in order, in one write).</li>
 * </ul>
 * While DynamoDB is unreachable the writes are retried ({@link OutageRetry}), so that the batch goes on within a
 * second of its return. A failed write fails the batch: it rolls back and is processed again, and writing it again is
 * harmless (every conditional write is a no-op the second time, and a replay writes the same items). Writing before
 * the token is stored keeps a retry from holding a lock on the token's row: another node may take the segment over.
 */
final class BatchWrites {

    private static final String RESOURCE = BatchWrites.class.getName();
    /**
     * From this many appointments booked in one batch (a processor catching up) they are written in transactions of up
     * to 100 conditional puts, one round trip each; fewer are written one by one, in parallel (a transactional write
     * costs DynamoDB twice the capacity of a plain one).
     */
    static final int TRANSACTION_THRESHOLD = 10;

    private final AppointmentTable table;
    private final ExecutorService writers;
    private final OutageRetry retry;
    private final Map<AppointmentChange.ItemKey, AppointmentItem> booked = new LinkedHashMap<>();
    private final Map<AppointmentChange.ItemKey, List<AppointmentChange>> changed = new LinkedHashMap<>();
    private final List<Runnable> afterWrite = new ArrayList<>();
    private final SpanFactory spans;
    /** The events whose changes are in the batch: the write is traced in the first one's trace. */
    private final List<Message<?>> events = new ArrayList<>();
    private boolean replay;

    private BatchWrites(AppointmentTable table, ExecutorService writers, OutageRetry retry, SpanFactory spans) {
        this.table = table;
        this.writers = writers;
        this.retry = retry;
        this.spans = spans;
    }

    /** The writes of the current unit of work (the processor's batch), made and bound to its commit on first use. */
    static BatchWrites startOrJoin(AppointmentTable table, ExecutorService writers, OutageRetry retry, SpanFactory spans) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("the projection handles events in an event processor's unit of work");
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(RESOURCE, key -> {
            BatchWrites batch = new BatchWrites(table, writers, retry, spans);
            unitOfWork.onPrepareCommit(committing -> batch.write());
            return batch;
        });
    }

    /** A change of the batch: folded into the whole item where the batch booked the appointment, else queued. */
    void add(AppointmentChange change, boolean replayed) {
        replay |= replayed;
        Message<?> event = CurrentUnitOfWork.get().getMessage();
        if (events.isEmpty() || events.get(events.size() - 1) != event) {
            events.add(event);
        }
        if (change.isBooking()) {
            booked.merge(change.key(), change.booking(),
                    (held, offered) -> held.getVersion() >= offered.getVersion() ? held : offered);
        } else if (booked.containsKey(change.key())) {
            change.applyTo(booked.get(change.key()));
        } else {
            changed.computeIfAbsent(change.key(), key -> new ArrayList<>()).add(change);
        }
    }

    /** Writes now if the event being handled is the batch's last. */
    void writeIfLastOfBatch() {
        if (CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch && batch.isLastMessage()) {
            write();
        }
    }

    /** Runs once the batch's writes are made (the projection's lag is measured to the write). */
    void afterWrite(Runnable action) {
        afterWrite.add(action);
    }

    private void write() {
        if (!booked.isEmpty() || !changed.isEmpty()) {
            Message<?>[] others = events.subList(1, events.size()).toArray(Message[]::new);
            spans.createChildHandlerSpan(() -> "AppointmentsProjection.write", events.get(0), others)
                 .run(() -> retry.run(this::writeAll));
        }
        booked.clear();
        changed.clear();
        events.clear();
        afterWrite.forEach(Runnable::run);
        afterWrite.clear();
    }

    private void writeAll() {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        List<AppointmentItem> items = List.copyOf(booked.values());
        if (replay) {
            writes.add(CompletableFuture.runAsync(() -> table.putAll(items), writers));
        } else if (items.size() >= TRANSACTION_THRESHOLD) {
            for (int from = 0; from < items.size(); from += AppointmentTable.TRANSACTION_LIMIT) {
                List<AppointmentItem> group = items.subList(from, Math.min(items.size(), from + AppointmentTable.TRANSACTION_LIMIT));
                writes.add(CompletableFuture.runAsync(() -> table.putAllIfNewer(group), writers));
            }
        } else {
            items.forEach(item -> writes.add(CompletableFuture.runAsync(() -> table.putIfNewer(item), writers)));
        }
        changed.forEach((key, changes) -> writes.add(CompletableFuture.runAsync(
                () -> table.applyChanges(key.userId(), key.appointmentId(), changes), writers)));
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }
}
