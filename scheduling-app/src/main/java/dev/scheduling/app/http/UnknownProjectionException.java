package dev.scheduling.app.http;

public class UnknownProjectionException extends RuntimeException {

    public UnknownProjectionException(String name) {
        super("No projection named " + name);
    }
}
