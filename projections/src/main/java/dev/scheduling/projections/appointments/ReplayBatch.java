package dev.scheduling.projections.appointments;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A replay's writes of one batch of events: a replay starts from an empty table, so the items a batch books are
 * folded in memory with the batch's later changes to them, and written when the batch commits, unconditionally, in
 * BatchWriteItem calls of 25 (retrying what DynamoDB leaves unprocessed) instead of one conditional write per event.
 * Changes to items booked in earlier batches take the conditional path, as outside a replay.
 * <p>
 * The writes happen in the prepare-commit phase of the processor's unit of work, the one that also stores its token:
 * if they fail, the batch rolls back and is processed again, and writing the same items again is harmless.
 */
final class ReplayBatch {

    private static final String RESOURCE = ReplayBatch.class.getName();

    private final AppointmentTable table;
    private final Map<String, AppointmentItem> items = new LinkedHashMap<>();

    private ReplayBatch(AppointmentTable table) {
        this.table = table;
    }

    /** The batch of the current unit of work, made (and bound to its commit) on first use; empty outside one. */
    static Optional<ReplayBatch> startOrJoin(AppointmentTable table) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return Optional.of(unitOfWork.getOrComputeResource(RESOURCE, key -> {
            ReplayBatch batch = new ReplayBatch(table);
            unitOfWork.onPrepareCommit(committing -> batch.write());
            return batch;
        }));
    }

    /** The batch of the current unit of work if a replayed event started one: later events must go through it. */
    static Optional<ReplayBatch> current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        return Optional.ofNullable(CurrentUnitOfWork.get().root().getResource(RESOURCE));
    }

    /** Holds {@code item} for the commit, unless this batch holds this version of it or a later one already. */
    void put(AppointmentItem item) {
        items.merge(item.getAppointmentId(), item, (held, offered) -> held.getVersion() >= offered.getVersion() ? held : offered);
    }

    /**
     * Applies {@code change} to the item if this batch holds it at an older version; false if the batch does not
     * hold it (it was written before this batch).
     */
    boolean change(String appointmentId, long version, String updatedAt, Consumer<AppointmentItem> change) {
        AppointmentItem item = items.get(appointmentId);
        if (item == null) {
            return false;
        }
        if (item.getVersion() < version) {
            change.accept(item);
            item.setVersion(version);
            item.setUpdatedAt(updatedAt);
        }
        return true;
    }

    boolean holds(String appointmentId) {
        return items.containsKey(appointmentId);
    }

    private void write() {
        table.putAll(items.values());
        items.clear();
    }
}
