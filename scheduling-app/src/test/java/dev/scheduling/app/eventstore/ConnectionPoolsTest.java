package dev.scheduling.app.eventstore;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The background pool follows the threads that use it. */
class ConnectionPoolsTest {

    private static final List<BackgroundThreads> THREADS = List.of(new BackgroundThreads("processor appointments", 5),
            new BackgroundThreads("processor saga", 3), new BackgroundThreads("db-scheduler", 5),
            new BackgroundThreads("calendar snapshotter", 1));

    @Test
    void unset_the_background_pool_has_a_connection_for_every_thread_that_may_hold_one() {
        assertThat(ConnectionPools.backgroundPoolSize(new ConnectionPools.Sizes(16, null), THREADS)).isEqualTo(14);
    }

    @Test
    void set_it_may_be_larger() {
        assertThat(ConnectionPools.backgroundPoolSize(new ConnectionPools.Sizes(16, 20), THREADS)).isEqualTo(20);
    }

    @Test
    void set_below_the_threads_the_service_refuses_to_start() {
        assertThatThrownBy(() -> ConnectionPools.backgroundPoolSize(new ConnectionPools.Sizes(16, 13), THREADS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 14");
    }
}
