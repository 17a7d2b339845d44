package dev.scheduling.app.observability;

import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.DefaultDeadlineManagerSpanFactory;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.tracing.Span;
import org.axonframework.tracing.SpanFactory;

/**
 * Axon's deadline spans, except that a deadline running continues the trace that scheduled it (Axon's own starts a
 * trace linked to it): a reminder is the last step of its booking, so the booking's trace shows it, hours later, with
 * its publication to SNS. The trace context travels in the deadline's metadata (db-scheduler's table, or the
 * EventBridge schedule and queue).
 */
public final class ChildDeadlineSpans implements DeadlineManagerSpanFactory {

    private final SpanFactory spans;
    private final DeadlineManagerSpanFactory axons;

    public ChildDeadlineSpans(SpanFactory spans) {
        this.spans = spans;
        this.axons = DefaultDeadlineManagerSpanFactory.builder().spanFactory(spans).build();
    }

    @Override
    public Span createExecuteSpan(String deadlineName, String deadlineId, DeadlineMessage<?> message) {
        return spans.createChildHandlerSpan(() -> "DeadlineManager.executeDeadline", message)
                    .addAttribute("axon.deadlineName", deadlineName).addAttribute("axon.deadlineId", deadlineId);
    }

    @Override
    public Span createScheduleSpan(String deadlineName, String deadlineId, DeadlineMessage<?> message) {
        return axons.createScheduleSpan(deadlineName, deadlineId, message);
    }

    @Override
    public Span createCancelScheduleSpan(String deadlineName, String deadlineId) {
        return axons.createCancelScheduleSpan(deadlineName, deadlineId);
    }

    @Override
    public Span createCancelAllSpan(String deadlineName) {
        return axons.createCancelAllSpan(deadlineName);
    }

    @Override
    public Span createCancelAllWithinScopeSpan(String deadlineName, ScopeDescriptor scope) {
        return axons.createCancelAllWithinScopeSpan(deadlineName, scope);
    }

    @Override
    public <T> DeadlineMessage<T> propagateContext(DeadlineMessage<T> message) {
        return axons.propagateContext(message);
    }
}
