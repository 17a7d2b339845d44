package dev.scheduling.projections.appointments;

import java.util.function.Consumer;

/**
 * What one event does to one appointment's item: the one form in which the projection states a change, applied
 * alike by a live batch and by a replay ({@link BatchWrites}). A booking makes the whole item; every other change
 * applies to the item as stored. {@code version} is the event's sequence number in its calendar: a change applies to
 * an item holding an older version only, so redelivered and replayed events change nothing.
 *
 * @param booking the whole item, for a booking; null for a change of an existing item
 */
record AppointmentChange(ItemKey key, long version, String updatedAt, AppointmentItem booking,
                         Consumer<AppointmentItem> change) {

    /** An item's key: the appointment on one calendar (an appointment may be on several). */
    record ItemKey(String userId, String appointmentId) {
    }

    static AppointmentChange booked(AppointmentItem item) {
        return new AppointmentChange(new ItemKey(item.getUserId(), item.getAppointmentId()), item.getVersion(),
                item.getUpdatedAt(), item, null);
    }

    static AppointmentChange of(String userId, String appointmentId, long version, String updatedAt,
                                Consumer<AppointmentItem> change) {
        return new AppointmentChange(new ItemKey(userId, appointmentId), version, updatedAt, null, change);
    }

    boolean isBooking() {
        return booking != null;
    }

    /** Applies the change to {@code item} if it is newer than what the item holds; tells whether it did. */
    boolean applyTo(AppointmentItem item) {
        if (item.getVersion() != null && item.getVersion() >= version) {
            return false;
        }
        change.accept(item);
        item.setVersion(version);
        item.setUpdatedAt(updatedAt);
        return true;
    }
}
