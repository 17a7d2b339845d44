package dev.scheduling.projections.appointments;

/** A query the read model cannot answer because of what the client sent (a page token of another listing, say). */
public class InvalidQueryException extends RuntimeException {

    private final String field;

    public InvalidQueryException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 1);
    }
}
