package dev.scheduling.app.eventstore;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shares the event processors' segments among the nodes that are up. Axon's processors claim every segment they
 * find free, so the first node to start takes them all, and a node started after it would do nothing but wait for one
 * to die. So every node says every {@code interval} that it is up ({@code processing_node}), and gives one segment of
 * a processor back (Axon's {@code releaseSegment}) when it holds more than its fair share (the segments divided among
 * the nodes up, rounded up) while another node up holds fewer: that node claims it within the processor's claim
 * interval. A node that stops gives its segments back and says it is gone; one that dies stops saying it is up
 * within three intervals (shorter than the token store's claim timeout, after which the others take its segments over)
 * and is never given one.
 */
public final class SegmentSharing implements AutoCloseable {

    /** How often a node says it is up and looks at its share: a third of the token store's claim timeout (10 s). */
    static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final Logger log = LoggerFactory.getLogger(SegmentSharing.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final String nodeId;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "segment-sharing");
        thread.setDaemon(true);
        return thread;
    });

    public SegmentSharing(EventProcessingConfiguration processing, JdbcTemplate jdbc, String nodeId, Duration interval) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.nodeId = nodeId;
        this.interval = interval;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::shareSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void shareSafely() {
        try {
            share();
        } catch (RuntimeException failed) {
            // the database may be out for a moment: the next round tries again
            log.debug("Could not share the processors' segments this round: {}", failed.toString());
        }
    }

    /** One round: this node is up; a processor of which it holds more than its share gives one segment back. */
    void share() {
        jdbc.update("INSERT INTO processing_node (node_id, last_seen) VALUES (?, now()) "
                + "ON CONFLICT (node_id) DO UPDATE SET last_seen = now()", nodeId);
        List<String> nodesUp = jdbc.queryForList("SELECT node_id FROM processing_node WHERE last_seen > now() - ?::interval",
                String.class, (3 * interval.toMillis()) + " milliseconds");
        for (var entry : processing.eventProcessors().entrySet()) {
            if (entry.getValue() instanceof StreamingEventProcessor processor && processor.isRunning()) {
                shareOne(entry.getKey(), processor, nodesUp);
            }
        }
    }

    private void shareOne(String name, StreamingEventProcessor processor, List<String> nodesUp) {
        Map<String, Integer> heldByNode = new HashMap<>();
        nodesUp.forEach(node -> heldByNode.put(node, 0));
        int[] segments = {0};
        jdbc.query("SELECT owner FROM tokenentry WHERE processorname = ?", row -> {
            segments[0]++;
            String owner = row.getString(1);
            if (owner != null && heldByNode.containsKey(owner)) {
                heldByNode.merge(owner, 1, Integer::sum);
            }
        }, name);
        int fairShare = (segments[0] + heldByNode.size() - 1) / Math.max(1, heldByNode.size());
        int held = processor.processingStatus().size();
        boolean anotherHoldsFewer = heldByNode.entrySet().stream()
                .anyMatch(node -> !node.getKey().equals(nodeId) && node.getValue() < fairShare);
        if (held > fairShare && anotherHoldsFewer) {
            int segment = processor.processingStatus().keySet().stream().max(Comparator.naturalOrder()).orElseThrow();
            log.info("Giving segment {} of {} back: this node holds {} of {}, its share with {} node(s) up is {}",
                    segment, name, held, segments[0], heldByNode.size(), fairShare);
            processor.releaseSegment(segment);
        }
    }

    /** Says this node is gone (its processors give their segments back as they shut down). */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            jdbc.update("DELETE FROM processing_node WHERE node_id = ?", nodeId);
        } catch (RuntimeException failed) {
            log.debug("Could not say this node is gone: {}", failed.toString());
        }
    }
}
