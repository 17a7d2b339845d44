package dev.scheduling.app.eventstore;

/**
 * Threads of the service that may each hold a database connection of the background pool at once (event processors'
 * workers and coordinators, deadline threads, the snapshotter): every part of the service that starts such threads
 * declares them as a bean of this type, and the background pool is sized to their sum ({@link ConnectionPools}).
 *
 * @param what  whose threads, for the log and for the message of a pool set too small
 * @param count how many
 */
public record BackgroundThreads(String what, int count) {

    public BackgroundThreads {
        if (count < 0) {
            throw new IllegalArgumentException("a negative count of threads: " + what);
        }
    }
}
