package dev.scheduling.app.support;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AWS side of the {@code eventbridge} deadline manager on moto: a schedule group, a deadline queue with a
 * dead-letter queue (two receives, then dead-lettered), and a stand-in for Scheduler itself. moto stores schedules
 * but never runs them; {@link #fireDueSchedules()} does what Scheduler does when a one-time schedule is due: send
 * its target input to the target queue, then delete the schedule (ActionAfterCompletion DELETE).
 */
public final class EventBridgeOnMoto implements AutoCloseable {

    public static final String ROLE_ARN = "arn:aws:iam::123456789012:role/scheduling-scheduler-to-sqs";

    private final MotoServer moto;
    private final SchedulerClient scheduler;
    private final SqsClient sqs;
    public final String groupName;
    public final String queueUrl;
    public final String queueArn;
    public final String deadLetterUrl;
    public final String deadLetterArn;
    private final AtomicInteger fired = new AtomicInteger();
    private volatile Thread clock;

    /** Scheduler's clock over a group and queues that exist already (made by a stack). */
    public EventBridgeOnMoto(MotoServer moto, String groupName, String queueUrl, String queueArn, String deadLetterUrl,
                             String deadLetterArn) {
        this.moto = moto;
        this.scheduler = schedulerOn(moto);
        this.sqs = moto.sqs();
        this.groupName = groupName;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.deadLetterUrl = deadLetterUrl;
        this.deadLetterArn = deadLetterArn;
    }

    private static SchedulerClient schedulerOn(MotoServer moto) {
        return SchedulerClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                              .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                              .build();
    }

    public EventBridgeOnMoto(MotoServer moto, String name) {
        this.moto = moto;
        this.scheduler = schedulerOn(moto);
        this.sqs = moto.sqs();
        this.groupName = name + "-deadlines";
        scheduler.createScheduleGroup(r -> r.name(groupName));
        this.deadLetterUrl = sqs.createQueue(r -> r.queueName(name + "-deadlines-dlq")).queueUrl();
        this.deadLetterArn = arn(deadLetterUrl);
        this.queueUrl = sqs.createQueue(r -> r.queueName(name + "-deadlines").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();
        this.queueArn = arn(queueUrl);
    }

    /** Settings that make the service use this group and queue; add MotoServer's credentials. */
    public String[] settings() {
        return new String[]{"scheduling.deadlines.manager=eventbridge", "db-scheduler.enabled=false",
                "scheduling.deadlines.eventbridge.group-name=" + groupName,
                "scheduling.deadlines.eventbridge.queue-url=" + queueUrl,
                "scheduling.deadlines.eventbridge.queue-arn=" + queueArn,
                "scheduling.deadlines.eventbridge.dead-letter-arn=" + deadLetterArn,
                "scheduling.deadlines.eventbridge.role-arn=" + ROLE_ARN,
                "scheduling.deadlines.eventbridge.long-poll=PT1S",
                "scheduling.deadlines.eventbridge.scheduler-endpoint=" + moto.endpoint(),
                "scheduling.deadlines.eventbridge.sqs-endpoint=" + moto.endpoint(),
                "scheduling.aws.access-key-id=test", "scheduling.aws.secret-access-key=test"};
    }

    public SchedulerClient scheduler() {
        return scheduler;
    }

    /** The group's schedules, read one by one; one deleted between listing and reading is left out. */
    public List<GetScheduleResponse> schedules() {
        List<GetScheduleResponse> schedules = new ArrayList<>();
        for (ScheduleSummary summary : scheduler.listSchedulesPaginator(r -> r.groupName(groupName)).schedules()) {
            try {
                schedules.add(scheduler.getSchedule(r -> r.groupName(groupName).name(summary.name())));
            } catch (ResourceNotFoundException deletedMeanwhile) {
                // gone between list and get
            }
        }
        return schedules;
    }

    /** Runs every schedule whose time has come; returns how many ran. */
    public synchronized int fireDueSchedules() {
        int ran = 0;
        for (GetScheduleResponse schedule : schedules()) {
            String expression = schedule.scheduleExpression();
            Instant at = LocalDateTime.parse(expression.substring(3, expression.length() - 1)).toInstant(ZoneOffset.UTC);
            if (!at.isAfter(Instant.now())) {
                String targetQueue = schedule.target().arn().equals(queueArn) ? queueUrl : null;
                sqs.sendMessage(r -> r.queueUrl(targetQueue).messageBody(schedule.target().input()));
                scheduler.deleteSchedule(r -> r.groupName(groupName).name(schedule.name()));
                ran++;
            }
        }
        fired.addAndGet(ran);
        return ran;
    }

    /** Fires due schedules every 200 ms until closed, like Scheduler's clock. */
    public void startClock() {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    fireDueSchedules();
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // moto restarting or closing: try again
                }
            }
        }, "scheduler-clock");
        thread.setDaemon(true);
        thread.start();
        clock = thread;
    }

    public int fired() {
        return fired.get();
    }

    public int deadLettered() {
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(deadLetterUrl)
                                                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                                   .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    public void send(String body) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
    }

    private String arn(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                  .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    @Override
    public void close() {
        if (clock != null) {
            clock.interrupt();
        }
    }
}
