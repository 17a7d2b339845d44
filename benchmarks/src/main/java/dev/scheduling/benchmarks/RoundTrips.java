package dev.scheduling.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * What a phase cost PostgreSQL, per booking: statements executed (pg_stat_statements, every database, the
 * harness's own probes included) and transactions committed (pg_stat_database). Counting is exact, unlike timing on
 * a shared machine, so it shows whether a change took steps out.
 */
final class RoundTrips {

    private final Map<String, Long> callsByStatement;
    private final long commits;

    private RoundTrips(Map<String, Long> callsByStatement, long commits) {
        this.callsByStatement = callsByStatement;
        this.commits = commits;
    }

    static RoundTrips read(BenchPostgres postgres) {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            Map<String, Long> calls = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT query, sum(calls) FROM pg_stat_statements GROUP BY query")) {
                while (rows.next()) {
                    calls.put(rows.getString(1), rows.getLong(2));
                }
            }
            long commits;
            try (ResultSet rows = statement.executeQuery("SELECT sum(xact_commit) FROM pg_stat_database")) {
                rows.next();
                commits = rows.getLong(1);
            }
            return new RoundTrips(calls, commits);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read PostgreSQL's statistics", e);
        }
    }

    /** Statements and commits per booking since {@code earlier}, and the statements that ran most, per booking. */
    String describeSince(RoundTrips earlier, long bookings, int top) {
        Map<String, Long> delta = new HashMap<>();
        callsByStatement.forEach((query, calls) -> {
            long since = calls - earlier.callsByStatement.getOrDefault(query, 0L);
            if (since > 0) {
                delta.merge(query, since, Long::sum);
            }
        });
        long statements = delta.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text = new StringBuilder(String.format("%.1f statements and %.2f commits per booking",
                (double) statements / bookings, (double) (commits - earlier.commits) / bookings));
        delta.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
             .forEach(entry -> text.append(String.format("%n      %5.2f  %s", (double) entry.getValue() / bookings,
                     shorten(entry.getKey()))));
        return text.toString();
    }

    private static String shorten(String query) {
        String oneLine = query.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 110 ? oneLine : oneLine.substring(0, 107) + "...";
    }
}
