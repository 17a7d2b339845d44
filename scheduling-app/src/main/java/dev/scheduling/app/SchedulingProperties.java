package dev.scheduling.app;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the scheduling core (prefix {@code scheduling}).
 *
 * @param dataDir                where the embedded stores keep their data (the embedded PostgreSQL under
 *                               {@code postgres/})
 * @param aggregateCacheSize     how many calendars each node keeps in memory between commands (checked against
 *                               the event store before use); 0 loads every calendar from the event store each time
 * @param maxAppointmentDuration the longest appointment that can be booked
 * @param snapshotThreshold      a calendar is snapshotted after this many events since its last snapshot
 * @param embeddedPostgresPort   port of the embedded PostgreSQL, 0 for any free port
 * @param maxFutureAppointments  how many appointments one calendar may hold ahead of it (not started, not
 *                               cancelled); one more booking is refused with {@code 409 calendar-full}
 * @param commandAttempts        how often a command that lost a race on its calendar (another node or thread
 *                               wrote first) is tried in all before the client gets a 409
 * @param nodeId                 who this node is to the other nodes: the owner it claims event processors' segments
 *                               as in the token store; empty (the default) for one of its own, unique to the process
 */
@ConfigurationProperties("scheduling")
public record SchedulingProperties(@DefaultValue("./data") Path dataDir,
                                   @DefaultValue("PT24H") Duration maxAppointmentDuration,
                                   @DefaultValue("100") int snapshotThreshold,
                                   @DefaultValue("0") int embeddedPostgresPort,
                                   @DefaultValue("8") int commandAttempts,
                                   @DefaultValue("10000") int aggregateCacheSize,
                                   @DefaultValue("10000") int maxFutureAppointments,
                                   @DefaultValue("") String nodeId) {
}
