package dev.scheduling.app.eventstore;

import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.EventProcessingConfigurer.PooledStreamingProcessorConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The shape of a pooled streaming event processor on the event store, declared in code beside the processor's name:
 * a renamed handler cannot silently lose its settings, as it would with settings keyed by name in a properties file.
 * Every node shares the processor's segments with the others up through the token store ({@link SegmentSharing}). A handler's failure fails its
 * batch, which the processor retries with back-off: Axon's default would log it and go on, skipping the event for
 * good (a read-model write lost, a reminder never scheduled).
 *
 * @param threads   worker threads; each may hold a connection of the background pool (see {@link ConnectionPools})
 * @param segments  segments the event stream is split into when the processor first starts (fixed afterwards)
 * @param batchSize events handled in one transaction
 */
public record PooledProcessor(String name, int threads, int segments, int batchSize) {

    /** Registers the processor, with {@code more} applied after its shape (an initial token, for instance). */
    public void registerWith(EventProcessingConfigurer processing, PooledStreamingProcessorConfiguration more) {
        processing.registerPooledStreamingEventProcessor(name, config -> config.eventStore(),
                shape().andThen(more));
        processing.registerListenerInvocationErrorHandler(name, config -> PropagatingErrorHandler.instance());
    }

    /** The processor's workers and its coordinator: each may hold a connection at once. */
    public BackgroundThreads backgroundThreads() {
        return new BackgroundThreads("processor " + name, threads + 1);
    }

    public void registerWith(EventProcessingConfigurer processing) {
        registerWith(processing, PooledStreamingProcessorConfiguration.noOp());
    }

    private PooledStreamingProcessorConfiguration shape() {
        return (config, builder) -> {
            ScheduledExecutorService workers = Executors.newScheduledThreadPool(threads,
                    new AxonThreadFactory("WorkPackage[" + name + "]"));
            config.onShutdown(workers::shutdown);
            return builder.workerExecutor(workers).initialSegmentCount(segments).batchSize(batchSize);
        };
    }
}
