package dev.scheduling.app.observability;

import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

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
}
