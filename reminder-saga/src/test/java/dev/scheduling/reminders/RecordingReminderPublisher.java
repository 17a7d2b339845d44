package dev.scheduling.reminders;

import java.util.ArrayList;
import java.util.List;

/** The publisher port's fake for fixtures: remembers what it published, and can be told to fail. */
class RecordingReminderPublisher implements ReminderPublisher {

    final List<Reminder> published = new ArrayList<>();
    private int failuresToCome;

    void failNext(int times) {
        failuresToCome = times;
    }

    @Override
    public void publish(Reminder reminder) {
        if (failuresToCome > 0) {
            failuresToCome--;
            throw new IllegalStateException("topic unreachable");
        }
        published.add(reminder);
    }
}
