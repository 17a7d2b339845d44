package dev.scheduling.app.readmodel;

import dev.scheduling.app.AwsProperties;
import dev.scheduling.app.OwnerOnly;
import dev.scheduling.app.SchedulingProperties;
import dev.scheduling.app.eventstore.BackgroundThreads;
import dev.scheduling.app.eventstore.EventStoreOutages;
import dev.scheduling.app.eventstore.PooledProcessor;
import dev.scheduling.app.privacy.PersonalDataCipher;
import dev.scheduling.projections.appointments.AppointmentQueries;
import dev.scheduling.projections.calendars.CalendarQueries;
import dev.scheduling.projections.calendars.CalendarTable;
import dev.scheduling.projections.appointments.AppointmentTable;
import dev.scheduling.projections.appointments.AppointmentsProjection;
import dev.scheduling.projections.appointments.PersonalFields;
import dev.scheduling.projections.dynamodb.TableDefinitions;
import dev.scheduling.projections.dynamodb.Tables;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.tracing.SpanFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** The DynamoDB read model: its client, table, projection and query handlers. */
@Configuration(proxyBeanMethods = false)
public class ReadModelConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReadModelConfiguration.class);

    /** No endpoint given and embedded: DynamoDB Local runs inside the service ({@link EmbeddedDynamoDbConfiguration}). */
    static final String EMBEDDED =
            "${scheduling.read-model.embedded:true} and '${scheduling.read-model.dynamodb-endpoint:}'.isEmpty()";

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!(" + EMBEDDED + ")")
    DynamoDbClient dynamoDbClient(ReadModelProperties readModel, AwsProperties aws) {
        // fail a call within seconds, so that an outage delays the projection instead of hanging it
        return aws.configure(DynamoDbClient.builder(), readModel.dynamodbEndpoint())
                  .overrideConfiguration(ClientOverrideConfiguration.builder()
                                                                    .apiCallAttemptTimeout(Duration.ofSeconds(2))
                                                                    .apiCallTimeout(Duration.ofSeconds(10))
                                                                    .build())
                  .build();
    }

    @Bean
    AppointmentTable appointmentTable(DynamoDbClient dynamoDb, ReadModelProperties readModel) {
        if (readModel.createTable()) {
            Tables.ensure(dynamoDb, TableDefinitions.fromClasspath(TableDefinitions.CORE_TEMPLATE)
                                                    .table(TableDefinitions.APPOINTMENTS_TABLE, readModel.tableName()));
        }
        return new AppointmentTable(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build(),
                readModel.tableName());
    }

    @Bean
    CalendarTable calendarTable(DynamoDbClient dynamoDb, ReadModelProperties readModel) {
        if (readModel.createTable()) {
            Tables.ensure(dynamoDb, TableDefinitions.fromClasspath(TableDefinitions.CORE_TEMPLATE)
                                                    .table(TableDefinitions.CALENDARS_TABLE, readModel.calendarsTableName()));
        }
        return new CalendarTable(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build(),
                readModel.calendarsTableName());
    }

    /** Titles and locations are sealed under their user's key in the read model too ({@link SealedPersonalFields}). */
    @Bean
    PersonalFields readModelPersonalFields(PersonalDataCipher cipher) {
        return new SealedPersonalFields(cipher);
    }

    @Bean
    AppointmentsProjection appointmentsProjection(AppointmentTable table, CalendarTable calendars,
                                                  PersonalFields personalFields, ReadModelProperties readModel,
                                                  Clock clock, MeterRegistry meters, SpanFactory spans) {
        return new AppointmentsProjection(table, calendars, personalFields, readModel.outageRetry().policy(),
                readModel.writers(), clock, meters, spans);
    }

    @Bean
    CalendarQueries calendarQueries(CalendarTable calendars, AppointmentTable appointments,
                                    SchedulingProperties properties, ReadModelProperties readModel, Clock clock) {
        return new CalendarQueries(calendars, appointments, properties.maxAppointmentDuration(), readModel.readers(),
                clock);
    }

    @Bean
    AppointmentQueries appointmentQueries(AppointmentTable table, PersonalFields personalFields,
                                          SchedulingProperties properties) {
        return new AppointmentQueries(table, personalFields, properties.maxAppointmentDuration());
    }

    @Bean
    ReadModelOutages readModelOutages(EventStoreOutages database) {
        return new ReadModelOutages(database);
    }

    @Bean
    AppointmentReads appointmentReads(QueryGateway queries, ReadModelOutages outages) {
        return new AppointmentReads(queries, outages);
    }

    @Bean
    ProjectionReplays projectionReplays(EventProcessingConfiguration processing, Projections projections,
                                        EventStore eventStore, EventStoreOutages outages) {
        return new ProjectionReplays(processing, projections, eventStore, outages);
    }

    /** What {@code /admin/projections/{name}} may replay: the read model's projection, never the saga's processor. */
    @Bean
    Projections projections() {
        return new Projections(Set.of(AppointmentsProjection.NAME));
    }

    /**
     * The projection's processor: 4 workers over 4 segments, batches of up to 100 events written together (a batch's
     * bookings in one DynamoDB transaction when it is catching up: 100 is DynamoDB's limit on one).
     */
    static final PooledProcessor PROCESSOR = new PooledProcessor(AppointmentsProjection.NAME, 4, 4, 100);

    @Bean
    BackgroundThreads readModelProcessorThreads() {
        return PROCESSOR.backgroundThreads();
    }

    /** The projection's processor: a failed write fails the batch, which is retried ({@link PooledProcessor}). */
    @Bean
    ConfigurerModule readModelProcessor() {
        return configurer -> configurer.eventProcessing(PROCESSOR::registerWith);
    }
}
