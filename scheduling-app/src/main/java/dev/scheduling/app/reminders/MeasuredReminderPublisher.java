package dev.scheduling.app.reminders;

import dev.scheduling.reminders.Reminder;
import dev.scheduling.reminders.ReminderPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.tracing.SpanFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Measures reminder delivery: the delay from due time to publish ({@code scheduling.reminders.delay}), reminders
 * published ({@code scheduling.reminders.published}) and failed attempts ({@code scheduling.reminders.publish.failures}).
 */
public class MeasuredReminderPublisher implements ReminderPublisher {

    private final ReminderPublisher publisher;
    private final Clock clock;
    private final Timer delay;
    private final Counter published;
    private final Counter failures;
    private final SpanFactory spans;

    public MeasuredReminderPublisher(ReminderPublisher publisher, Clock clock, MeterRegistry meters, SpanFactory spans) {
        this.publisher = publisher;
        this.spans = spans;
        this.clock = clock;
        this.delay = Timer.builder("scheduling.reminders.delay")
                          .description("From a reminder's due time to its publication")
                          .publishPercentiles(0.5, 0.95, 0.99)
                          .register(meters);
        this.published = Counter.builder("scheduling.reminders.published").register(meters);
        this.failures = Counter.builder("scheduling.reminders.publish.failures").register(meters);
    }

    @Override
    public void publish(Reminder reminder) {
        try {
            // in the trace of the deadline that fired (and so of the booking that scheduled it)
            spans.createInternalSpan(() -> "ReminderPublisher.publish").run(() -> publisher.publish(reminder));
        } catch (RuntimeException e) {
            failures.increment();
            throw e;
        }
        published.increment();
        delay.record(Duration.between(reminder.dueAt(), clock.instant()));
    }
}
