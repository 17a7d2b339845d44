package dev.scheduling.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
public class HttpConfiguration {

    static final int MAX_BODY_BYTES = 16 * 1024;

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<StrictPathFilter> strictPathFilter(ObjectMapper objectMapper) {
        var registration = new FilterRegistrationBean<>(new StrictPathFilter(objectMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(ObjectMapper objectMapper) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(MAX_BODY_BYTES, objectMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.addUrlPatterns("/users/*", "/admin/*");
        return registration;
    }

    /** A number or boolean where a string belongs is a client's mistake to report, not to silently convert. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictStrings() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                                                                 .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                                                 .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                                                 .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
