package dev.scheduling.domain.group;

import org.axonframework.messaging.MetaData;

/**
 * How {@link GroupBookingProcess} sends its commands: each one handled and committed on its own, before the next one
 * is sent, with {@code metaData} (who asked, under which correlation id) carried on to the events it causes. A
 * command that lost a race for its calendar is tried again on the calendar's new state; a refusal is thrown as the
 * calendar's {@link dev.scheduling.domain.calendar.CalendarException} (in the cause chain). Every command the process
 * sends may be sent again, after a failure or a restart, without changing anything.
 */
public interface ProcessCommands {

    /** Sends {@code command} and waits for its outcome. */
    Object send(Object command, MetaData metaData);
}
