package dev.scheduling.app.observability;

import dev.scheduling.domain.group.GroupBookingProcess;
import dev.scheduling.reminders.AppointmentReminderSaga;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
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
 * The log context of the event handlers, and the access log; the requests' log context is set by
 * {@link CallerLogContextFilter} in the security chain.
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
        return ready -> metrics.bindTo(meters, List.of(AppointmentReminderSaga.class.getName(),
                GroupBookingProcess.class.getName()));
    }
}
