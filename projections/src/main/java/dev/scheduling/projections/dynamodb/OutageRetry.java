package dev.scheduling.projections.dynamodb;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Retries writes while DynamoDB is unreachable, failing (5xx) or throttling, pausing a little longer after each
 * failure but never more than {@code maxPause}, for at most {@code window}; then the last failure is thrown.
 * <p>
 * Why here and not in the event processor: the processor's own retry of a failed batch backs off exponentially up to
 * a minute per segment (Axon's, not configurable), so after an outage of half a minute the read model would wait that
 * long again before it caught up. Retrying the writes themselves keeps the batch, and resumes within
 * {@code maxPause} of DynamoDB's return.
 */
public final class OutageRetry {

    private static final Logger log = LoggerFactory.getLogger(OutageRetry.class);

    /** Fails at the first error: for tests that want to see it. */
    public static final OutageRetry NONE = new OutageRetry(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(1));

    /** How a retry waits; tests replace it. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration window;
    private final Duration firstPause;
    private final Duration maxPause;
    private final Pause pause;
    private final LongSupplier nanoTime;

    public OutageRetry(Duration window, Duration firstPause, Duration maxPause) {
        this(window, firstPause, maxPause, duration -> Thread.sleep(duration.toMillis()), System::nanoTime);
    }

    OutageRetry(Duration window, Duration firstPause, Duration maxPause, Pause pause, LongSupplier nanoTime) {
        if (window.isNegative() || firstPause.isNegative() || firstPause.isZero() || maxPause.compareTo(firstPause) < 0) {
            throw new IllegalArgumentException("the retry window must not be negative, and 0 < firstPause <= maxPause");
        }
        this.window = window;
        this.firstPause = firstPause;
        this.maxPause = maxPause;
        this.pause = pause;
        this.nanoTime = nanoTime;
    }

    /** Runs {@code write}, again after each outage-like failure, within the window. Other failures pass at once. */
    public void run(Runnable write) {
        long deadline = nanoTime.getAsLong() + window.toNanos();
        Duration wait = firstPause;
        int attempt = 1;
        while (true) {
            try {
                write.run();
                if (attempt > 1) {
                    log.info("DynamoDB answers again: writes succeeded after {} attempts", attempt);
                }
                return;
            } catch (RuntimeException failure) {
                if (!isOutage(failure) || nanoTime.getAsLong() + wait.toNanos() - deadline > 0) {
                    throw failure;
                }
                if (attempt == 1) {
                    log.warn("DynamoDB is unreachable or refusing writes ({}); retrying for up to {}", failure.toString(),
                            window);
                }
                sleep(wait, failure);
                wait = min(wait.multipliedBy(2), maxPause);
                attempt++;
            }
        }
    }

    /** Unreachable, timed out, failing on its side (5xx) or throttling: worth trying again soon. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SdkClientException
                    || cause instanceof ProvisionedThroughputExceededException
                    || cause instanceof RequestLimitExceededException
                    || cause instanceof AwsServiceException service
                    && (service.statusCode() >= 500 || service.isThrottlingException())) {
                return true;
            }
        }
        return false;
    }

    private void sleep(Duration wait, RuntimeException failure) {
        try {
            pause.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
            throw failure;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
