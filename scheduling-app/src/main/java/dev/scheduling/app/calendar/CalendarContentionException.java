package dev.scheduling.app.calendar;

/** A command kept losing races for its calendar to other writers and gave up; the client may try again. */
public class CalendarContentionException extends RuntimeException {

    public CalendarContentionException(int attempts, Throwable lastFailure) {
        super("The calendar was changed concurrently " + attempts + " times in a row; try again", lastFailure);
    }
}
