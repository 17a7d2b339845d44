package dev.scheduling.app.eventstore;

/** PostgreSQL, where the events and the users' keys are, could not be reached: the request may be tried again. */
public class EventStoreUnavailableException extends RuntimeException {

    public EventStoreUnavailableException(Throwable cause) {
        super("The event store is unreachable: " + cause, cause);
    }
}
