package dev.scheduling.app.audit;

import dev.scheduling.app.eventstore.EventStoreConfiguration;
import dev.scheduling.app.eventstore.EventStoreOutages;
import dev.scheduling.app.privacy.PersonalDataCipher;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    CalendarHistory calendarHistory(EventStore eventStore, EventStoreOutages outages) {
        return new CalendarHistory(eventStore, outages, EventStoreConfiguration.storageObjectMapper());
    }

    @Bean
    AuditExport auditExport(DataSource dataSource, PersonalDataCipher personalData, MeterRegistry meters) {
        return new AuditExport(dataSource, personalData, meters);
    }
}
