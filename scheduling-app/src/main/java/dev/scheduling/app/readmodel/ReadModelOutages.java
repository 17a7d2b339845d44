package dev.scheduling.app.readmodel;

import dev.scheduling.app.eventstore.EventStoreOutages;
import dev.scheduling.app.web.FieldError;
import dev.scheduling.app.web.InvalidRequestException;
import dev.scheduling.projections.appointments.InvalidQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a request's read of the read model (DynamoDB, and the data keys in PostgreSQL that open its titles) and tells
 * an outage from any other failure: DynamoDB unreachable or failing is {@link ReadModelUnavailableException} (503),
 * the database is the event store's outage, and a query the client's parameters made invalid is a 400.
 */
public class ReadModelOutages {

    private static final Logger log = LoggerFactory.getLogger(ReadModelOutages.class);
    private static final String VALIDATION = "ValidationException";

    private final EventStoreOutages database;

    public ReadModelOutages(EventStoreOutages database) {
        this.database = database;
    }

    public <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw classify(e);
        }
    }

    RuntimeException classify(RuntimeException failure) {
        if (failure instanceof ReadModelUnavailableException || failure instanceof InvalidRequestException) {
            return failure;
        }
        RuntimeException refusedQuery = refusedQuery(failure);
        if (refusedQuery != null) {
            return refusedQuery;
        }
        if (isReadModelUnavailable(failure)) {
            return new ReadModelUnavailableException("The read model is unreachable", failure);
        }
        return database.classify(failure);
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
}
