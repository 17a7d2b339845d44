package dev.scheduling.reminders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: reminders go to the log (logger {@code reminders}), one line each, with ids and times but
 * never the title or location: logs are kept and copied where an erasure cannot reach.
 */
public class LoggingReminderPublisher implements ReminderPublisher {

    private static final Logger log = LoggerFactory.getLogger("reminders");

    @Override
    public void publish(Reminder reminder) {
        log.info("Reminder {} for user {}, appointment {} ({} before, starts {})", reminder.reminderId(),
                reminder.userId(), reminder.appointmentId(), reminder.offset(), reminder.start());
    }
}
