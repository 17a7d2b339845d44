package dev.scheduling.app.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.axonframework.messaging.Message;
import org.axonframework.tracing.Span;
import org.axonframework.tracing.SpanAttributesProvider;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.SpanScope;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Axon's spans (command dispatch and handling, event publication, processors' handlers, sagas, deadlines, the
 * repository) as OpenTelemetry spans of the service's tracer, the one Micrometer Tracing uses for the HTTP requests,
 * so that one trace runs from a request to its reminder. The trace context travels in the messages' metadata as W3C
 * {@code traceparent}/{@code tracestate}: an event carries the context of the command that caused it, so a handler
 * on another thread, node or day continues that trace (Axon decides where a handler's span is a child and where only
 * a link: {@code axon.tracing.*}).
 */
public final class AxonSpans implements SpanFactory {

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final List<SpanAttributesProvider> attributes = new CopyOnWriteArrayList<>();

    public AxonSpans(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.scheduling.axon");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public Span createRootTrace(Supplier<String> name) {
        SpanBuilder builder = tracer.spanBuilder(name.get()).setSpanKind(SpanKind.INTERNAL).setNoParent();
        builder.addLink(io.opentelemetry.api.trace.Span.current().getSpanContext());
        return new OtelSpan(builder);
    }

    @Override
    public Span createHandlerSpan(Supplier<String> name, Message<?> parent, boolean isChildTrace, Message<?>... linked) {
        Context parentContext = contextOf(parent);
        SpanBuilder builder = tracer.spanBuilder(nameOf(name, parent)).setSpanKind(SpanKind.CONSUMER);
        if (isChildTrace) {
            builder.setParent(parentContext);
        } else {
            builder.setNoParent().addLink(io.opentelemetry.api.trace.Span.fromContext(parentContext).getSpanContext());
        }
        link(builder, linked);
        describe(builder, parent);
        return new OtelSpan(builder);
    }

    /**
     * Spans without a message to continue are children of what is current where they are made, not where they start:
     * Axon makes some to start later on the same thread, when the unit of work commits (a deadline's schedule, say),
     * by which time the handler that made them is over.
     */
    @Override
    public Span createDispatchSpan(Supplier<String> name, Message<?> message, Message<?>... linked) {
        SpanBuilder builder = tracer.spanBuilder(nameOf(name, message)).setSpanKind(SpanKind.PRODUCER)
                                    .setParent(Context.current());
        link(builder, linked);
        describe(builder, message);
        return new OtelSpan(builder);
    }

    @Override
    public Span createInternalSpan(Supplier<String> name) {
        return new OtelSpan(tracer.spanBuilder(name.get()).setSpanKind(SpanKind.INTERNAL).setParent(Context.current()));
    }

    @Override
    public Span createInternalSpan(Supplier<String> name, Message<?> message) {
        SpanBuilder builder = tracer.spanBuilder(nameOf(name, message)).setSpanKind(SpanKind.INTERNAL)
                                    .setParent(Context.current());
        describe(builder, message);
        return new OtelSpan(builder);
    }

    @Override
    public void registerSpanAttributeProvider(SpanAttributesProvider provider) {
        attributes.add(provider);
    }

    /** The current trace context, in the message's metadata (alongside what it holds). */
    @Override
    @SuppressWarnings("unchecked")
    public <M extends Message<?>> M propagateContext(M message) {
        Map<String, String> context = new HashMap<>();
        propagator.inject(Context.current(), context, (carrier, key, value) -> carrier.put(key, value));
        return context.isEmpty() ? message : (M) message.andMetaData(context);
    }

    private Context contextOf(Message<?> message) {
        return propagator.extract(Context.current(), message, MetadataGetter.INSTANCE);
    }

    private void link(SpanBuilder builder, Message<?>[] messages) {
        for (Message<?> message : messages) {
            builder.addLink(io.opentelemetry.api.trace.Span.fromContext(contextOf(message)).getSpanContext());
        }
    }

    /** Ids and types only (Axon's providers: message id and type, payload type, aggregate id): never a payload. */
    private void describe(SpanBuilder builder, Message<?> message) {
        if (message != null) {
            attributes.forEach(provider -> provider.provideForMessage(message).forEach(builder::setAttribute));
        }
    }

    private static String nameOf(Supplier<String> name, Message<?> message) {
        if (message == null) {
            return name.get();
        }
        return name.get() + "(" + message.getPayloadType().getSimpleName() + ")";
    }

    private enum MetadataGetter implements TextMapGetter<Message<?>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Message<?> message) {
            return message.getMetaData().keySet();
        }

        @Override
        public String get(Message<?> message, String key) {
            Object value = message == null ? null : message.getMetaData().get(key);
            return value == null ? null : value.toString();
        }
    }

    /** An Axon span over an OpenTelemetry one, started when Axon starts it. */
    private static final class OtelSpan implements Span {

        /** The log context's names of the trace and span ids, as Micrometer Tracing sets them for requests. */
        private static final String TRACE_ID = "traceId";
        private static final String SPAN_ID = "spanId";

        private final SpanBuilder builder;
        private io.opentelemetry.api.trace.Span span;

        OtelSpan(SpanBuilder builder) {
            this.builder = builder;
        }

        @Override
        public Span start() {
            span = builder.startSpan();
            return this;
        }

        /** Current for OpenTelemetry and in the log context (the trace and span ids of every line logged under it). */
        @Override
        public SpanScope makeCurrent() {
            Scope scope = span.makeCurrent();
            String traceId = MDC.get(TRACE_ID);
            String spanId = MDC.get(SPAN_ID);
            MDC.put(TRACE_ID, span.getSpanContext().getTraceId());
            MDC.put(SPAN_ID, span.getSpanContext().getSpanId());
            return () -> {
                scope.close();
                restore(TRACE_ID, traceId);
                restore(SPAN_ID, spanId);
            };
        }

        private static void restore(String key, String value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }

        @Override
        public void end() {
            span.end();
        }

        @Override
        public Span recordException(Throwable failure) {
            if (span != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR);
            }
            return this;
        }

        /** Axon adds some attributes before it starts a span (the repository's aggregate id). */
        @Override
        public Span addAttribute(String key, String value) {
            if (span == null) {
                builder.setAttribute(key, value);
            } else {
                span.setAttribute(key, value);
            }
            return this;
        }
    }
}
