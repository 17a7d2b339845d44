package dev.scheduling.reminders;

/** Sends a reminder to the people and systems subscribed to it. Throws when it could not; the saga retries. */
public interface ReminderPublisher {

    void publish(Reminder reminder);
}
