package dev.scheduling.domain.visit;

/** Where a visit of several calendars stands. */
public enum VisitStatus {
    /** A booking form's hold: the slot is busy on every calendar until it is booked, released, or expires. */
    HELD,
    /** On every calendar. */
    BOOKED,
    /** Booked, then cancelled on every calendar. */
    CANCELLED,
    /** A hold given up before it was booked: nothing stays. */
    RELEASED,
    /** A hold not booked before its {@code expiresAt}: each calendar reads it as lapsed from then on. */
    EXPIRED
}
