package dev.scheduling.projections.appointments;

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
 * The writes of one batch of events, made when the processor's unit of work prepares its commit (the one that also
 * stores its token) instead of one round trip after the other as the events come:
 * <ul>
 * <li>an appointment booked in the batch is folded in memory with the batch's later changes to it and written
 * once: conditionally on its version (absent or older), or, in a replay, which starts from an empty table,
 * unconditionally in BatchWriteItem calls of 25;</li>
 * <li>an appointment the batch only changes gets its one conditional write, or, with several changes, one read and
 * one write conditional on the version read, applying each change newer than the stored item in order;</li>
 * <li>the appointments are written in parallel (each appointment's changes stay in order, in one write).</li>
 * </ul>
 * A failed write fails the commit: the batch rolls back and is processed again, and writing it again is harmless
 * (every conditional write is a no-op the second time, and a replay writes the same items).
 */
final class BatchWrites {

    private static final String RESOURCE = BatchWrites.class.getName();

    private final AppointmentTable table;
    private final ExecutorService writers;
    private final Map<String, AppointmentItem> items = new LinkedHashMap<>();
    private final Map<String, List<Change>> changes = new LinkedHashMap<>();
    private final List<Runnable> afterWrite = new ArrayList<>();
    private boolean replay;

    private BatchWrites(AppointmentTable table, ExecutorService writers) {
        this.table = table;
        this.writers = writers;
    }

    /** The writes of the current unit of work, made (and bound to its commit) on first use; empty outside one. */
    static Optional<BatchWrites> startOrJoin(AppointmentTable table, ExecutorService writers) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return Optional.of(unitOfWork.getOrComputeResource(RESOURCE, key -> {
            BatchWrites batch = new BatchWrites(table, writers);
            unitOfWork.onPrepareCommit(committing -> batch.write());
            return batch;
        }));
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
        List<CompletableFuture<?>> writes = new ArrayList<>();
        if (replay) {
            writes.add(CompletableFuture.runAsync(() -> table.putAll(items.values()), writers));
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
        items.clear();
        changes.clear();
        afterWrite.forEach(Runnable::run);
    }

    private record Change(long version, String updatedAt, Consumer<AppointmentItem> change, Runnable alone) {

        AppointmentTable.VersionedChange asVersioned() {
            return new AppointmentTable.VersionedChange(version, updatedAt, change);
        }
    }
}
