package dev.scheduling.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.servers.Server;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.time.Duration;
import java.util.List;

@Configuration(proxyBeanMethods = false)
public class HttpConfiguration {

    static final int MAX_BODY_BYTES = 16 * 1024;
    /** However slowly a body trickles in (each read also waits at most Tomcat's connection timeout). */
    static final Duration MAX_BODY_READ_TIME = Duration.ofSeconds(10);

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<StrictPathFilter> strictPathFilter(ObjectMapper objectMapper) {
        var registration = new FilterRegistrationBean<>(new StrictPathFilter(objectMapper));
        // inside the access log (HIGHEST_PRECEDENCE + 1, observability), which logs its refusals too
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** After Spring Security's filters: a request refused by them is answered before its body is read. */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(ObjectMapper objectMapper) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(MAX_BODY_BYTES, MAX_BODY_READ_TIME,
                objectMapper));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /**
     * Tomcat's own refusals as problems ({@link ProblemErrorReportValve}), and a refused request's unread body never
     * drained ({@link UnreadBodyValve}).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatRefusals() {
        return factory -> {
            // outermost: after any error page the host renders, which setting an error state before would trigger
            factory.addEngineValves(new UnreadBodyValve());
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        };
    }

    /**
     * The API document names the service's own origin, relative: springdoc would otherwise compute an absolute server
     * URL from each request's Host header, which the client chooses.
     */
    @Bean
    OpenAPI openApi() {
        return new OpenAPI().servers(List.of(new Server().url("/").description("this service")));
    }

    /**
     * A number or boolean where a string belongs, or a string or number where a boolean belongs, is a client's mistake
     * to report, not to silently convert.
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictScalars() {
        return builder -> builder.postConfigurer(mapper -> {
            mapper.coercionConfigFor(LogicalType.Textual)
                  .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                  .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                  .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Boolean)
                  .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                  .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                  .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        });
    }
}
