package dev.scheduling.domain.calendar;

/**
 * The metadata keys every command to a calendar carries and every event it causes inherits: who acted, through
 * which OAuth2 client, and for which request. One home for the keys, read by the service and the reminder saga.
 */
public final class CommandMetadata {

    /** Who acted: a user's subject, or a process such as the reminder saga. */
    public static final String ACTOR = "actor";
    /** The request (or reminder) the command answers: the client's {@code X-Request-Id}, or the reminder's id. */
    public static final String CORRELATION_ID = "correlationId";
    /** The OAuth2 client the actor's token came through, when it names one. */
    public static final String CLIENT_ID = "clientId";

    private CommandMetadata() {
    }
}
