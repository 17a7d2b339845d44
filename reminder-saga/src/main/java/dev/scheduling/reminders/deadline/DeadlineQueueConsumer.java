package dev.scheduling.reminders.deadline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Takes deadlines off the SQS queue their schedules deliver to, and hands each to the deadline manager. A message is
 * deleted only after its deadline was delivered; one that fails becomes visible again after the queue's visibility
 * timeout, and after the queue's maximum receive count SQS moves it to the dead-letter queue. Any number of service
 * instances may consume one queue: SQS hands each message to one of them at a time.
 */
public class DeadlineQueueConsumer {

    private static final Logger log = LoggerFactory.getLogger(DeadlineQueueConsumer.class);
    private static final Duration FAILURE_PAUSE = Duration.ofSeconds(2);

    /** What health checks show. */
    public record State(boolean running, Instant lastPoll, long delivered, long failed, String lastError) {
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final EventBridgeDeadlineManager deadlines;
    private final int threads;
    private final int waitSeconds;
    private final Clock clock;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicReference<Instant> lastPoll = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running;

    public DeadlineQueueConsumer(SqsClient sqs, String queueUrl, EventBridgeDeadlineManager deadlines, int threads,
                                 Duration longPoll, Clock clock) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadlines = deadlines;
        this.threads = threads;
        this.waitSeconds = (int) Math.min(20, Math.max(0, longPoll.toSeconds()));
        this.clock = clock;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(this::consume, "deadline-queue-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        log.info("Consuming deadlines from {} with {} thread(s)", queueUrl, threads);
    }

    public synchronized void stop() {
        running = false;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofSeconds(waitSeconds + 5L).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    public State state() {
        return new State(running, lastPoll.get(), delivered.get(), failed.get(), lastError.get());
    }

    private void consume() {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                                                                  .waitTimeSeconds(waitSeconds)
                                                                  .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                                            .messages();
                lastPoll.set(clock.instant());
                messages.forEach(this::handle);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                lastError.set(e.toString());
                log.warn("Polling the deadline queue failed, trying again in {}: {}", FAILURE_PAUSE, e.toString());
                pause();
            }
        }
    }

    private void handle(Message message) {
        try {
            deadlines.deliver(message.body());
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            lastError.set(e.toString());
            log.warn("Deadline message {} (received {} time(s)) failed; it will be retried, then dead-lettered: {}",
                    message.messageId(), message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT),
                    e.toString());
            return;
        }
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        delivered.incrementAndGet();
    }

    private void pause() {
        try {
            Thread.sleep(FAILURE_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
