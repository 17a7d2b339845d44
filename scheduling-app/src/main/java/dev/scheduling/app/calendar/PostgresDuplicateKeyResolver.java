package dev.scheduling.app.calendar;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * Tells Axon that an insert lost a race for an (aggregate, sequence) pair, so that it raises a concurrency
 * exception the command side can retry. Axon's default resolver looks for
 * {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws: it reports
 * SQLState 23505 (unique_violation) instead.
 */
public class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
