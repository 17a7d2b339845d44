package dev.scheduling.projections.appointments;

import dev.scheduling.projections.dynamodb.OutageRetry;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The writes of one batch of events, made once the batch's last event is handled (before the processor stores its
 * token; at the latest when its unit of work prepares its commit) instead of one round trip after the other as the
 * events come:
 * <ul>
 * <li>an appointment booked in the batch is folded in memory with the batch's later changes to it and written
 * once: conditionally on its version (absent or older), many of them together in transactions
 * ({@link AppointmentTable#putAllIfNewer}), or, in a replay, which starts from an empty table, unconditionally in
 * BatchWriteItem calls of 25;</li>
 * <li>an appointment the batch only changes gets its one conditional write, or, with several changes, one read and
 * one write conditional on the version read, applying each change newer than the stored item in order;</li>
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
    private final Map<String, AppointmentItem> items = new LinkedHashMap<>();
    private final Map<String, List<Change>> changes = new LinkedHashMap<>();
    private final List<Runnable> afterWrite = new ArrayList<>();
    private boolean replay;

    private BatchWrites(AppointmentTable table, ExecutorService writers, OutageRetry retry) {
        this.table = table;
        this.writers = writers;
        this.retry = retry;
    }

    /** The writes of the current unit of work, made (and bound to its commit) on first use; empty outside one. */
    static Optional<BatchWrites> startOrJoin(AppointmentTable table, ExecutorService writers, OutageRetry retry) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return Optional.of(unitOfWork.getOrComputeResource(RESOURCE, key -> {
            BatchWrites batch = new BatchWrites(table, writers, retry);
            unitOfWork.onPrepareCommit(committing -> batch.write());
            return batch;
        }));
    }

    /** Writes now if the event being handled is the batch's last. */
    void writeIfLastOfBatch() {
        if (CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch && batch.isLastMessage()) {
            write();
        }
    }

    /** A booked appointment, whole: kept unless the batch holds this version of it or a later one already. */
    void put(AppointmentItem item, boolean replayed) {
        replay |= replayed;
        items.merge(item.getAppointmentId(), item, (held, offered) -> held.getVersion() >= offered.getVersion() ? held : offered);
    }

    /**
     * A change at {@code version}: applied in memory if the batch holds the appointment whole, else queued with
     * {@code alone}, the conditional write that makes it when it is the batch's only change of the appointment.
     */
    void change(String appointmentId, long version, String updatedAt, Consumer<AppointmentItem> change,
                Runnable alone) {
        AppointmentItem item = items.get(appointmentId);
        if (item == null) {
            changes.computeIfAbsent(appointmentId, id -> new ArrayList<>()).add(new Change(version, updatedAt, change, alone));
        } else if (item.getVersion() < version) {
            change.accept(item);
            item.setVersion(version);
            item.setUpdatedAt(updatedAt);
        }
    }

    /** Runs once the batch's writes are made (the projection's lag is measured to the write). */
    void afterWrite(Runnable action) {
        afterWrite.add(action);
    }

    private void write() {
        if (!items.isEmpty() || !changes.isEmpty()) {
            retry.run(this::writeAll);
        }
        items.clear();
        changes.clear();
        afterWrite.forEach(Runnable::run);
        afterWrite.clear();
    }

    private void writeAll() {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        if (replay) {
            writes.add(CompletableFuture.runAsync(() -> table.putAll(items.values()), writers));
        } else if (items.size() >= TRANSACTION_THRESHOLD) {
            List<AppointmentItem> all = List.copyOf(items.values());
            for (int from = 0; from < all.size(); from += AppointmentTable.TRANSACTION_LIMIT) {
                List<AppointmentItem> group = all.subList(from, Math.min(all.size(), from + AppointmentTable.TRANSACTION_LIMIT));
                writes.add(CompletableFuture.runAsync(() -> table.putAllIfNewer(group), writers));
            }
        } else {
            items.values().forEach(item -> writes.add(CompletableFuture.runAsync(() -> table.putIfNewer(item), writers)));
        }
        changes.forEach((appointmentId, queued) -> writes.add(CompletableFuture.runAsync(() -> {
            if (queued.size() == 1) {
                queued.get(0).alone().run();
            } else {
                table.changeIfNewer(appointmentId, queued.stream().map(Change::asVersioned).toList());
            }
        }, writers)));
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    private record Change(long version, String updatedAt, Consumer<AppointmentItem> change, Runnable alone) {

        AppointmentTable.VersionedChange asVersioned() {
            return new AppointmentTable.VersionedChange(version, updatedAt, change);
        }
    }
}
