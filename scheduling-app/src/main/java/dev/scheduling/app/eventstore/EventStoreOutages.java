package dev.scheduling.app.eventstore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.function.Supplier;

/**
 * Runs a call into the event store (PostgreSQL) and tells an outage from any other failure: an outage is rethrown as
 * {@link EventStoreUnavailableException}, which clients get as a 503 to retry; everything else (a refusal, a lost
 * race) is rethrown as it was.
 */
public class EventStoreOutages {

    private static final int PROBE_SECONDS = 1;

    private final DataSource dataSource;

    public EventStoreOutages(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw classify(e);
        }
    }

    public void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    public RuntimeException classify(RuntimeException failure) {
        if (failure instanceof EventStoreUnavailableException) {
            return failure;
        }
        return isDatabaseUnavailable(failure) ? new EventStoreUnavailableException(failure) : failure;
    }

    /**
     * A failure in JDBC while PostgreSQL does not answer is an outage, whatever the driver or pool called it; the
     * database is asked, briefly, rather than guessed at. A broken connection (SQLState class 08: the driver's I/O
     * errors, the pool's "Connection is closed") is one too, even when the database answers again by the time the
     * error is handled: under load, requests holding connections from before a restart fail after it is back. A
     * failure with no SQL error in it (a refusal) is none, and costs no question to the database.
     */
    private boolean isDatabaseUnavailable(Throwable failure) {
        boolean jdbc = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            jdbc |= cause instanceof SQLException;
        }
        return jdbc && !databaseAnswers();
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(PROBE_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
