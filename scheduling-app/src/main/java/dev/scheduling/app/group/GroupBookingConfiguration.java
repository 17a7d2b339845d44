package dev.scheduling.app.group;

import dev.scheduling.app.calendar.CalendarCommands;
import dev.scheduling.app.eventstore.BackgroundThreads;
import dev.scheduling.app.eventstore.EventStoreOutages;
import dev.scheduling.domain.group.GroupAppointment;
import dev.scheduling.domain.group.GroupBookingProcess;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Appointments of several calendars: the {@link GroupAppointment} aggregate, which decides, and the
 * {@link GroupBookingProcess} saga, which holds, confirms and releases the slot on each calendar. Its deadlines (a
 * booking's holds running out) use the deadline manager the reminders use: durable, on any node.
 */
@Configuration(proxyBeanMethods = false)
public class GroupBookingConfiguration {

    /**
     * The process's processor (named as Axon names a saga's): a tracking processor, 2 threads over 2 segments, one
     * event per transaction (handling one event sends several commands one after another, waiting on each; a failure
     * repeats one booking's step only). Tracking, not pooled like the projection's: a pooled processor on the
     * embedded event store looks for new events every 500 ms once caught up, which every booking's caller would wait
     * for (about 330 ms of each answer in B12), while a tracking processor is woken by the commit on this node. It
     * starts at the head of the event stream on its first start, like the reminders.
     */
    static final String PROCESSOR = GroupBookingProcess.class.getSimpleName() + "Processor";
    private static final int PROCESSOR_THREADS = 2;
    /** One per worker of the processor, plus the deadline handlers' (a booking's holds running out). */
    private static final int COMMAND_THREADS = PROCESSOR_THREADS + 2;

    @Bean
    ConfigurerModule groupBookings() {
        return configurer -> {
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(GroupAppointment.class));
            configurer.eventProcessing(processing -> {
                processing.registerSaga(GroupBookingProcess.class);
                processing.registerTrackingEventProcessor(PROCESSOR, config -> config.eventStore(),
                        config -> TrackingEventProcessorConfiguration.forParallelProcessing(PROCESSOR_THREADS)
                                                                     .andInitialSegmentsCount(PROCESSOR_THREADS)
                                                                     .andBatchSize(1)
                                                                     .andInitialTrackingToken(source -> source.createHeadToken()));
                // a failure fails the event, which the processor retries: never skipped
                processing.registerListenerInvocationErrorHandler(PROCESSOR, config -> PropagatingErrorHandler.instance());
            });
        };
    }

    @Bean
    BackgroundThreads groupBookingProcessThreads() {
        return new BackgroundThreads("processor " + PROCESSOR, PROCESSOR_THREADS);
    }

    /** The process's commands are sent from these threads, each on its own ({@link CommandsOnTheirOwn}). */
    @Bean
    BackgroundThreads groupBookingCommandThreads() {
        return new BackgroundThreads("group booking commands", COMMAND_THREADS);
    }

    @Bean(destroyMethod = "close")
    CommandsOnTheirOwn groupBookingProcessCommands(CalendarCommands calendarCommands) {
        return new CommandsOnTheirOwn(calendarCommands, COMMAND_THREADS);
    }

    @Bean
    GroupAppointments groupAppointments(CommandGateway gateway, EventStore eventStore, EventStoreOutages outages,
                                        Clock clock, GroupBookingProperties properties, CalendarCommands calendars) {
        return new GroupAppointments(gateway, eventStore, outages, clock, properties, calendars);
    }
}
