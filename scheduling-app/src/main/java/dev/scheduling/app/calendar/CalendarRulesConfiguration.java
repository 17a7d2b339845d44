package dev.scheduling.app.calendar;

import dev.scheduling.app.SchedulingProperties;
import dev.scheduling.domain.calendar.CalendarCapacity;
import dev.scheduling.domain.calendar.SlotPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The calendar's rules that come from settings; its command handlers have them injected. */
@Configuration(proxyBeanMethods = false)
public class CalendarRulesConfiguration {

    @Bean
    SlotPolicy slotPolicy(SchedulingProperties properties) {
        return new SlotPolicy(properties.maxAppointmentDuration());
    }

    @Bean
    CalendarCapacity calendarCapacity(SchedulingProperties properties) {
        return new CalendarCapacity(properties.maxFutureAppointments());
    }
}
