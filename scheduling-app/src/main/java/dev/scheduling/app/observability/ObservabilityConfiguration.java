package dev.scheduling.app.observability;

import dev.scheduling.reminders.AppointmentReminderSaga;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.tracing.SpanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;

/**
 * What an operator sees of the service: the log context of the event handlers and the access log (the requests' log
 * context is set by {@link CallerLogContextFilter} in the security chain), Axon's processor lag and sagas as metrics
 * ({@link AxonMetrics}; axon-micrometer adds Axon's own), and Axon's spans in the service's traces ({@link AxonSpans},
 * {@link ChildDeadlineSpans}).
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    ConfigurerModule handlerLogContext() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultHandlerInterceptor((config, processorName) -> new HandlerLogContext()));
    }

    /** Outermost but for the request id: it times and logs every request, refused ones included. */
    @Bean
    @ConditionalOnProperty("scheduling.access-log.enabled")
    FilterRegistrationBean<AccessLogFilter> accessLogFilter() {
        var registration = new FilterRegistrationBean<>(new AccessLogFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Processor lag and active sagas, bound once Axon's processors exist. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> axonMetrics(EventProcessingConfiguration processing, EventStore eventStore,
                                                           DataSource dataSource, MeterRegistry meters) {
        AxonMetrics metrics = new AxonMetrics(processing, eventStore, new JdbcTemplate(dataSource));
        return ready -> metrics.bindTo(meters, List.of(AppointmentReminderSaga.class.getName()));
    }

    /**
     * Axon's spans on the service's OpenTelemetry tracer, when tracing is on ({@link TracingOnlyWithAnEndpoint});
     * otherwise Axon's no-op factory.
     */
    @Bean
    @ConditionalOnProperty(name = "management.tracing.enabled", matchIfMissing = true)
    SpanFactory axonSpans(OpenTelemetry openTelemetry) {
        return new AxonSpans(openTelemetry);
    }

    /** Deadlines (reminders) continue the trace that scheduled them. */
    @Bean
    DeadlineManagerSpanFactory deadlineSpans(SpanFactory spans) {
        return new ChildDeadlineSpans(spans);
    }

    /**
     * Axon's db-scheduler deadline manager never puts the trace context in the deadlines it stores (its other managers
     * do): its dispatch interceptors run while the schedule's span is current, so one of them does.
     */
    @Bean
    static BeanPostProcessor deadlinesCarryTheTraceContext(ObjectProvider<DeadlineManagerSpanFactory> spans) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DeadlineManager deadlines) {
                    deadlines.registerDispatchInterceptor(messages -> (index, message) ->
                            spans.getObject().propagateContext(message));
                }
                return bean;
            }
        };
    }
}
