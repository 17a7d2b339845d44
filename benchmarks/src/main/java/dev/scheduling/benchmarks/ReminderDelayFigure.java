package dev.scheduling.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * B8: how late reminders are published when 1,000 of them fall due within a minute (db-scheduler deadlines).
 */
final class ReminderDelayFigure extends Phase {

    ReminderDelayFigure(Context context) {
        super(context);
    }

    /**
     * Books {@code n} appointments (one per user) starting one hour plus {@code lead..lead+window} from now, so their
     * 1-hour reminders fall due within the window; the 24-hour ones are already past and skipped. The delay of a
     * reminder is its ReminderSent event's timestamp (recorded right after the publish) minus its due time.
     */
    void reminderDelay() throws Exception {
        int n = mode.b8Reminders();
        Instant firstDue = Instant.now().plus(mode.b8Lead()).truncatedTo(ChronoUnit.SECONDS);
        long windowMillis = mode.b8Window().toMillis();
        NonConflictingBookings bookings = NonConflictingBookings.hourly(service.base(), service.token());
        ProcStats.Cpu before = cpu();
        long started = System.nanoTime();
        Load.Result booked = Load.run(http, CLIENTS, mode.b8Lead(), n, i -> {
            Instant due = firstDue.plusMillis(windowMillis * i / n);
            Instant start = due.plus(Duration.ofHours(1));
            return bookings.book("b8-u" + i, start, start.plus(Duration.ofMinutes(30)));
        });
        if (booked.count(201) != n) {
            throw new IllegalStateException("booking the reminders gave " + booked.describeStatuses());
        }
        Instant lastDue = firstDue.plusMillis(windowMillis);
        System.out.printf("B8: %d reminders due between %s and %s%n", n, firstDue, lastDue);
        long deadline = System.nanoTime() + Duration.between(Instant.now(), lastDue).plusSeconds(120).toNanos();
        List<Long> delays;
        do {
            ServiceProcess.sleep(1000);
            delays = reminderDelaysMillis();
        } while (delays.size() < n && System.nanoTime() < deadline);
        Histogram histogram = new Histogram(3_600_000L, 3);
        long early = 0;
        for (long delay : delays) {
            if (delay < 0) {
                early++;
            }
            histogram.recordValue(Math.max(0, delay));
        }
        double p50 = histogram.getValueAtPercentile(50) / 1000.0;
        double p99 = histogram.getValueAtPercentile(99) / 1000.0;
        double seconds = (System.nanoTime() - started) / 1e9;
        figures.note(String.format("B8: booked in %.1f s, all sent %.1f s after the first booking; cpu: %s",
                booked.seconds(), seconds, cpu().minus(before).describe(seconds, cores)));
        figures.add("B8", String.format("reminder delay, due to published, %,d reminders due within %d s, db deadlines", n,
                        mode.b8Window().toSeconds()),
                String.format("p50 %.2f s, p99 %.2f s, max %.2f s; %d of %d sent, %d early", p50, p99,
                        histogram.getMaxValue() / 1000.0, delays.size(), n, early),
                "p99 at most 2 s", "p99 / polling interval (1 s): " + String.format("%.2f", p99),
                p99 <= 2 && delays.size() == n && early == 0);
    }

    private List<Long> reminderDelaysMillis() throws SQLException, IOException {
        List<Long> delays = new ArrayList<>();
        try (Connection connection = postgres.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT payload, timestamp FROM domainevententry WHERE payloadtype = ? AND aggregateidentifier LIKE 'b8-u%'")) {
            query.setString(1, "dev.scheduling.domain.calendar.ReminderSent");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    JsonNode payload = JSON.readTree(rows.getBytes(1));
                    Instant due = Instant.parse(payload.get("dueAt").asText());
                    Instant sent = Instant.parse(rows.getString(2));
                    delays.add(Duration.between(due, sent).toMillis());
                }
            }
        }
        return delays;
    }
}
