package dev.scheduling.app.readmodel;

import dev.scheduling.app.eventstore.EventStoreOutages;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Replays a projection from the event store, and tells how far it is. Only projections: never the saga's processor. */
public class ProjectionReplays {

    private final EventProcessingConfiguration processing;
    private final Projections projections;
    private final EventStore eventStore;
    private final EventStoreOutages outages;

    public ProjectionReplays(EventProcessingConfiguration processing, Projections projections, EventStore eventStore,
                             EventStoreOutages outages) {
        this.processing = processing;
        this.projections = projections;
        this.eventStore = eventStore;
        this.outages = outages;
    }

    public record SegmentStatus(int segment, boolean replaying, boolean caughtUp, Long position, String error) {
    }

    public record ProjectionStatus(String name, boolean running, boolean replaying, boolean caughtUp, long position,
                                   long headPosition, double progress, List<SegmentStatus> segments) {
    }

    /** Stops the projection, has it clear what it wrote and replay every event; returns at once. */
    public ProjectionStatus replay(String name) {
        StreamingEventProcessor processor = processor(name);
        processor.shutDown();
        try {
            outages.run(processor::resetTokens);
        } finally {
            processor.start();
        }
        return status(name);
    }

    public ProjectionStatus status(String name) {
        StreamingEventProcessor processor = processor(name);
        Map<Integer, EventTrackerStatus> claimed = processor.processingStatus();
        List<SegmentStatus> segments = claimed.values().stream()
                .sorted(Comparator.comparingInt(s -> s.getSegment().getSegmentId()))
                .map(s -> new SegmentStatus(s.getSegment().getSegmentId(), stillReplaying(s), s.isCaughtUp(),
                        boxed(s.getCurrentPosition()), s.isErrorState() ? s.getError().toString() : null))
                .toList();
        long head = outages.call(() -> eventStore.createHeadToken().position().orElse(0));
        long position = segments.stream().mapToLong(s -> s.position() == null ? 0 : s.position()).min().orElse(0);
        boolean replaying = segments.stream().anyMatch(SegmentStatus::replaying);
        boolean caughtUp = !segments.isEmpty() && segments.stream().allMatch(SegmentStatus::caughtUp);
        double progress = head == 0 ? 1.0 : Math.min(1.0, (double) position / head);
        return new ProjectionStatus(name, processor.isRunning(), replaying, caughtUp, position, head, progress,
                segments);
    }

    private StreamingEventProcessor processor(String name) {
        if (!projections.contains(name)) {
            throw new UnknownProjectionException(name);
        }
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                         .orElseThrow(() -> new UnknownProjectionException(name));
    }

    /**
     * Axon keeps a segment's replay token until an event beyond the reset point arrives, which on a quiet system
     * may be never; the replay's work is done once the segment has reached the position it was reset at.
     */
    private static boolean stillReplaying(EventTrackerStatus segment) {
        if (!segment.isReplaying()) {
            return false;
        }
        OptionalLong reset = segment.getResetPosition();
        OptionalLong current = segment.getCurrentPosition();
        return reset.isEmpty() || current.isEmpty() || current.getAsLong() < reset.getAsLong();
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
