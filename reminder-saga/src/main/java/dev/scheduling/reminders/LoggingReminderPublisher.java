package dev.scheduling.reminders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded default: reminders go to the log (logger {@code reminders}), one line each. */
public class LoggingReminderPublisher implements ReminderPublisher {

    private static final Logger log = LoggerFactory.getLogger("reminders");

    @Override
    public void publish(Reminder reminder) {
        log.info("Reminder {} for user {} ({} before): {}", reminder.reminderId(), reminder.userId(),
                reminder.offset(), ReminderTexts.text(reminder));
    }
}
