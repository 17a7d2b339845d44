package dev.scheduling.app.readmodel;

public class ReadModelUnavailableException extends RuntimeException {

    public ReadModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
