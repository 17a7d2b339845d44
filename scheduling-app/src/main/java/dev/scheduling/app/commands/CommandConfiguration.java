package dev.scheduling.app.commands;

import dev.scheduling.app.SchedulingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class CommandConfiguration {

    @Bean
    CalendarCommands calendarCommands(CommandGateway gateway, SchedulingProperties properties, MeterRegistry meters) {
        return new CalendarCommands(gateway, properties.commandAttempts(), meters);
    }

    @Bean
    AppointmentIds appointmentIds() {
        return new AppointmentIds();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CalendarExceptionWrappingInterceptor calendarExceptionWrappingInterceptor(CommandBus commandBus) {
        var interceptor = new CalendarExceptionWrappingInterceptor();
        commandBus.registerHandlerInterceptor(interceptor);
        return interceptor;
    }
}
