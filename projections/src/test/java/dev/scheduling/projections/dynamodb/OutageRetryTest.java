package dev.scheduling.projections.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The projection's retry of writes during a DynamoDB outage, on a clock of the test's own. */
class OutageRetryTest {

    private final List<Duration> pauses = new ArrayList<>();
    private long now;
    private final OutageRetry retry = new OutageRetry(Duration.ofSeconds(10), Duration.ofMillis(50),
            Duration.ofSeconds(1), pause -> {
        pauses.add(pause);
        now += pause.toNanos();
    }, () -> now);

    @Test
    void an_unreachable_dynamodb_is_retried_until_it_answers() {
        AtomicInteger attempts = new AtomicInteger();

        retry.run(() -> {
            if (attempts.incrementAndGet() < 4) {
                throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
            }
        });

        assertThat(attempts).hasValue(4);
        assertThat(pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void the_pause_between_attempts_never_exceeds_its_cap() {
        AtomicInteger attempts = new AtomicInteger();

        retry.run(() -> {
            if (attempts.incrementAndGet() < 12) {
                throw DynamoDbException.builder().statusCode(503).message("unavailable").build();
            }
        });

        assertThat(pauses).hasSize(11).allSatisfy(pause -> assertThat(pause).isLessThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(pauses.subList(5, 11)).containsOnly(Duration.ofSeconds(1));
    }

    @Test
    void throttling_is_retried_too() {
        AtomicInteger attempts = new AtomicInteger();

        retry.run(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw ProvisionedThroughputExceededException.builder().statusCode(400).message("slow down").build();
            }
        });

        assertThat(attempts).hasValue(2);
    }

    @Test
    void an_outage_longer_than_the_window_fails_with_the_last_failure() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.run(() -> {
            attempts.incrementAndGet();
            throw SdkClientException.create("Connection refused " + attempts.get());
        })).isInstanceOf(SdkClientException.class).hasMessageContaining("Connection refused " + attempts.get());

        assertThat(Duration.ofNanos(now)).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(attempts.get()).isGreaterThan(10);
    }

    @Test
    void a_refusal_that_is_no_outage_is_not_retried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.run(() -> {
            attempts.incrementAndGet();
            throw ConditionalCheckFailedException.builder().statusCode(400).message("condition").build();
        })).isInstanceOf(ConditionalCheckFailedException.class);

        assertThat(attempts).hasValue(1);
        assertThat(pauses).isEmpty();
    }
}
