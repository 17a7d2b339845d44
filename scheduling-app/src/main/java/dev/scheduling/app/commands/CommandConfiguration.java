package dev.scheduling.app.commands;

import dev.scheduling.app.SchedulingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    /** Axon's auto-configuration registers every handler interceptor bean with the command bus: once. */
    @Bean
    CalendarExceptionWrappingInterceptor calendarExceptionWrappingInterceptor() {
        return new CalendarExceptionWrappingInterceptor();
    }
}
