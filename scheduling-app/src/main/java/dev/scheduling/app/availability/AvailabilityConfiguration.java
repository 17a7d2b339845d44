package dev.scheduling.app.availability;

import dev.scheduling.app.readmodel.ReadModelOutages;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Availability: the rules' endpoints and slot search, over the calendar's commands and the read model's queries. */
@Configuration(proxyBeanMethods = false)
public class AvailabilityConfiguration {

    @Bean
    AvailabilityReads availabilityReads(QueryGateway queries, ReadModelOutages outages) {
        return new AvailabilityReads(queries, outages);
    }

    @Bean
    CalendarVisibility calendarVisibility(AvailabilityReads reads) {
        return new CalendarVisibility(reads);
    }
}
