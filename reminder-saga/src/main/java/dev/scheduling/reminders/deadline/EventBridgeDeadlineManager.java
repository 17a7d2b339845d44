package dev.scheduling.reminders.deadline;

import org.axonframework.common.IdentifierFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.AbstractDeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.DefaultDeadlineManagerSpanFactory;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.tracing.NoOpSpanFactory;
import org.axonframework.tracing.Span;
import org.axonframework.tracing.SpanScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Axon deadlines on Amazon EventBridge Scheduler: each deadline is a one-time schedule ({@code at(...)} in UTC,
 * flexible window off, deleted after it ran) in one schedule group, whose target is an SQS queue and whose input is
 * the serialized deadline. {@link DeadlineQueueConsumer} takes deadlines off the queue and {@link #deliver delivers}
 * them into their scope (a saga), as Axon's own deadline managers do. A deadline already due goes to the queue at once.
 * <p>
 * Schedules are created and deleted when the unit of work that asked for them prepares to commit. Cancelling a
 * schedule that is already gone (it ran) is not an error. {@link #cancelAll} and {@link #cancelAllWithinScope} list the
 * group's schedules and read each one: one call per schedule, so they suit small groups and maintenance only.
 */
public class EventBridgeDeadlineManager extends AbstractDeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(EventBridgeDeadlineManager.class);
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    static final String NAME_PREFIX = "deadline-";

    /**
     * Where schedules go and what they target.
     *
     * @param groupName         the schedule group
     * @param queueArn          the SQS queue schedules send deadlines to
     * @param queueUrl          the same queue, for deadlines already due
     * @param roleArn           the role Scheduler assumes to send to the queue
     * @param deadLetterArn     where Scheduler puts a deadline it could not deliver
     * @param maxRetryAttempts  Scheduler's delivery retries
     * @param maxEventAge       how long Scheduler keeps trying
     */
    public record Target(String groupName, String queueArn, String queueUrl, String roleArn, String deadLetterArn,
                         int maxRetryAttempts, Duration maxEventAge) {
    }

    private final SchedulerClient scheduler;
    private final SqsClient sqs;
    private final Target target;
    private final Serializer serializer;
    private final ScopeAwareProvider scopes;
    private final TransactionManager transactionManager;
    private final Clock clock;
    private final DeadlineManagerSpanFactory spans;

    public EventBridgeDeadlineManager(SchedulerClient scheduler, SqsClient sqs, Target target, Serializer serializer,
                                      ScopeAwareProvider scopes, TransactionManager transactionManager, Clock clock) {
        this(scheduler, sqs, target, serializer, scopes, transactionManager, clock,
                DefaultDeadlineManagerSpanFactory.builder().spanFactory(NoOpSpanFactory.INSTANCE).build());
    }

    /**
     * @param spans traces scheduling and running a deadline; the trace context travels in the deadline's metadata
     *              through the schedule and the queue
     */
    public EventBridgeDeadlineManager(SchedulerClient scheduler, SqsClient sqs, Target target, Serializer serializer,
                                      ScopeAwareProvider scopes, TransactionManager transactionManager, Clock clock,
                                      DeadlineManagerSpanFactory spans) {
        this.spans = spans;
        this.scheduler = scheduler;
        this.sqs = sqs;
        this.target = target;
        this.serializer = serializer;
        this.scopes = scopes;
        this.transactionManager = transactionManager;
        this.clock = clock;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        DeadlineMessage<Object> created = GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload,
                triggerDateTime);
        String deadlineId = IdentifierFactory.getInstance().generateIdentifier();
        Span span = spans.createScheduleSpan(deadlineName, deadlineId, created).start();
        DeadlineMessage<Object> message;
        try (SpanScope ignored = span.makeCurrent()) {
            message = spans.propagateContext(created);
        } finally {
            span.end();
        }
        runOnPrepareCommitOrNow(() -> {
            String input = DeadlineEnvelope.write(deadlineName, deadlineId, deadlineScope,
                    processDispatchInterceptors(message), serializer);
            if (triggerDateTime.isAfter(clock.instant())) {
                createSchedule(scheduleName(deadlineId), triggerDateTime, input);
            } else {
                sqs.sendMessage(r -> r.queueUrl(target.queueUrl()).messageBody(input));
            }
        });
        return deadlineId;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(() -> deleteSchedule(scheduleName(scheduleId)));
    }

    @Override
    public void cancelAll(String deadlineName) {
        runOnPrepareCommitOrNow(() -> deleteMatching(deadlineName, null));
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        String serializedScope = serializer.serialize(scope, String.class).getData();
        runOnPrepareCommitOrNow(() -> deleteMatching(deadlineName, serializedScope));
    }

    /** Delivers a deadline taken off the queue into its scope; throws if that failed, so that it is retried. */
    public void deliver(String input) {
        DeadlineEnvelope deadline = DeadlineEnvelope.read(input, serializer);
        Span span = spans.createExecuteSpan(deadline.message().getDeadlineName(), deadline.deadlineId(), deadline.message())
                         .start();
        try (SpanScope ignored = span.makeCurrent()) {
            deliverIn(deadline);
        } catch (RuntimeException failure) {
            span.recordException(failure);
            throw failure;
        } finally {
            span.end();
        }
    }

    private void deliverIn(DeadlineEnvelope deadline) {
        UnitOfWork<DeadlineMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(deadline.message());
        unitOfWork.attachTransaction(transactionManager);
        InterceptorChain chain = new DefaultInterceptorChain<>(unitOfWork, handlerInterceptors(), message -> {
            scopes.provideScopeAwareStream(deadline.scope())
                  .filter(component -> component.canResolve(deadline.scope()))
                  .forEach(component -> {
                      try {
                          component.send(message, deadline.scope());
                      } catch (Exception e) {
                          throw new IllegalStateException("Deadline " + deadline.deadlineId() + " failed in "
                                  + deadline.scope().scopeDescription(), e);
                      }
                  });
            return null;
        });
        ResultMessage<?> result = unitOfWork.executeWithResult(chain::proceed);
        if (result.isExceptional()) {
            throw new IllegalStateException("Deadline " + deadline.deadlineId() + " was not delivered",
                    result.exceptionResult());
        }
    }

    @Override
    public void shutdown() {
        // nothing to stop: schedules live in AWS, the queue consumer has its own lifecycle
    }

    static String scheduleName(String deadlineId) {
        return NAME_PREFIX + deadlineId;
    }

    private void createSchedule(String name, Instant triggerAt, String input) {
        // Scheduler runs at whole seconds; rounding up never delivers a deadline early
        Instant at = triggerAt.truncatedTo(ChronoUnit.SECONDS).equals(triggerAt)
                ? triggerAt : triggerAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        scheduler.createSchedule(r -> r.name(name)
                                       .groupName(target.groupName())
                                       .scheduleExpression("at(" + AT.format(at) + ")")
                                       .scheduleExpressionTimezone("UTC")
                                       .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                                       .actionAfterCompletion(ActionAfterCompletion.DELETE)
                                       .target(t -> t.arn(target.queueArn())
                                                     .roleArn(target.roleArn())
                                                     .input(input)
                                                     .retryPolicy(p -> p.maximumRetryAttempts(target.maxRetryAttempts())
                                                                        .maximumEventAgeInSeconds((int) target.maxEventAge().toSeconds()))
                                                     .deadLetterConfig(d -> d.arn(target.deadLetterArn()))));
    }

    private void deleteSchedule(String name) {
        try {
            scheduler.deleteSchedule(r -> r.name(name).groupName(target.groupName()));
        } catch (ResourceNotFoundException alreadyGone) {
            log.debug("Schedule {} was already gone", name);
        }
    }

    private void deleteMatching(String deadlineName, String serializedScope) {
        for (ScheduleSummary summary : scheduler.listSchedulesPaginator(r -> r.groupName(target.groupName())
                                                                              .namePrefix(NAME_PREFIX)).schedules()) {
            try {
                String input = scheduler.getSchedule(r -> r.name(summary.name()).groupName(target.groupName()))
                                        .target().input();
                if (DeadlineEnvelope.matches(input, deadlineName, serializedScope)) {
                    deleteSchedule(summary.name());
                }
            } catch (ResourceNotFoundException ranMeanwhile) {
                // it fired between listing and reading: nothing to cancel
            }
        }
    }
}
