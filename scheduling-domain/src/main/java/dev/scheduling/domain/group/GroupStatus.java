package dev.scheduling.domain.group;

/** Where a booking of several calendars stands. */
public enum GroupStatus {
    /** Holds are being placed, one calendar after another. */
    PENDING,
    /** A booking form's hold: every calendar keeps the slot until it is booked, released or expires. */
    HELD,
    /** A booking form's hold given up before it was booked: nothing stays. */
    RELEASED,
    /** Every calendar held it: booked on all of them. */
    BOOKED,
    /** A calendar refused it: the holds placed are released, nothing stays. */
    REFUSED,
    /** Its holds' time ran out before every calendar held it (or before a booking form's hold was booked): released, nothing stays. */
    EXPIRED,
    /** Booked, then cancelled on every calendar. */
    CANCELLED
}
