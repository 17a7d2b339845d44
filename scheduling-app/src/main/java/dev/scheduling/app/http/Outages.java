package dev.scheduling.app.http;

import dev.scheduling.app.commands.CalendarContentionException;
import dev.scheduling.domain.calendar.CalendarException;
import dev.scheduling.projections.appointments.InvalidQueryException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a request's call into the event store (PostgreSQL) or the read model (DynamoDB) and tells an outage of either
 * from any other failure: an outage is rethrown as {@link EventStoreUnavailableException} or
 * {@link ReadModelUnavailableException}, which clients get as a 503 to retry; everything else is rethrown as it was.
 */
@Component
public class Outages {

    private static final Logger log = LoggerFactory.getLogger(Outages.class);
    private static final int PROBE_SECONDS = 1;
    private static final String VALIDATION = "ValidationException";

    private final DataSource dataSource;

    public Outages(DataSource dataSource) {
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

    RuntimeException classify(RuntimeException failure) {
        if (isAnswer(failure) || failure instanceof ReadModelUnavailableException
                || failure instanceof EventStoreUnavailableException) {
            return failure;
        }
        RuntimeException refusedQuery = refusedQuery(failure);
        if (refusedQuery != null) {
            return refusedQuery;
        }
        if (isReadModelUnavailable(failure)) {
            return new ReadModelUnavailableException("The read model is unreachable", failure);
        }
        if (isDatabaseUnavailable(failure)) {
            return new EventStoreUnavailableException(failure);
        }
        return failure;
    }

    /**
     * A read the read model refused because of what the client sent: a page token of another listing, or anything
     * else DynamoDB finds invalid in a query built from the request (one line in the log, no stack trace).
     */
    private static RuntimeException refusedQuery(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidQueryException invalid) {
                return new InvalidRequestException(List.of(new FieldError(invalid.field(), invalid.reason())));
            }
            if (cause instanceof DynamoDbException dynamo && dynamo.statusCode() == 400
                    && VALIDATION.equals(dynamo.awsErrorDetails() == null ? null : dynamo.awsErrorDetails().errorCode())) {
                log.warn("The read model refused a query built from a request: {}", dynamo.getMessage());
                return new InvalidRequestException(List.of(new FieldError("query",
                        "the read model cannot answer these parameters")));
            }
        }
        return null;
    }

    /** A refusal or a lost race is an answer, whatever caused it underneath. */
    private static boolean isAnswer(RuntimeException failure) {
        return failure instanceof CalendarException || failure instanceof CalendarContentionException
                || failure instanceof InvalidRequestException
                || failure instanceof CommandExecutionException refused && refused.getDetails().isPresent();
    }

    private static boolean isReadModelUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ReadModelUnavailableException
                    || cause instanceof SdkClientException
                    || cause instanceof DynamoDbException dynamo && dynamo.statusCode() >= 500) {
                return true;
            }
        }
        return false;
    }

    /**
     * A failure in JDBC while PostgreSQL does not answer is an outage, whatever the driver or pool called it; the
     * database is asked, briefly, rather than guessed at. A broken connection (SQLState class 08: the driver's I/O
     * errors, the pool's "Connection is closed") is one too, even when the database answers again by the time the
     * error is handled: under load, requests holding connections from before a restart fail after it is back.
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
