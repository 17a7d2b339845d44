package dev.scheduling.app.readmodel;

public class UnknownProjectionException extends RuntimeException {

    public UnknownProjectionException(String name) {
        super("No projection named " + name);
    }
}
