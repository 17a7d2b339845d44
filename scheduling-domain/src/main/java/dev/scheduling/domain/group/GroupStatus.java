package dev.scheduling.domain.group;

/** Where a booking of several calendars stands. */
public enum GroupStatus {
    /** Holds are being placed, one calendar after another. */
    PENDING,
    /** Every calendar held it: booked on all of them. */
    BOOKED,
    /** A calendar refused it: the holds placed are released, nothing stays. */
    REFUSED,
    /** Its holds' time ran out before every calendar held it: released, nothing stays. */
    EXPIRED,
    /** Booked, then cancelled on every calendar. */
    CANCELLED
}
