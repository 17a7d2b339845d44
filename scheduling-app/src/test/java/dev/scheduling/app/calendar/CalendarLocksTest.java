package dev.scheduling.app.calendar;

import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The calendars' locks of one node: all of a command's at once, in the order asked, counted, bounded. */
class CalendarLocksTest {

    private final CalendarLocks locks = new CalendarLocks(Duration.ofSeconds(30));

    @Test
    void calendars_are_taken_together_only_when_none_is_held_and_then_all_are() throws Exception {
        Lock a = locks.lockTogether(List.of("a"));
        CompletableFuture<Lock> ab = CompletableFuture.supplyAsync(() -> locks.lockTogether(List.of("a", "b")));
        awaitWaiting(1);

        assertThat(locks.heldCount()).as("b is not taken while a is held elsewhere").isEqualTo(1);
        // b is free: a command that holds a calendar already takes it at once rather than queue behind ab, which
        // waits for what it holds
        Lock b = locks.obtainLock("b");
        a.release();
        b.release();
        ab.get(10, TimeUnit.SECONDS).release();
        assertThat(locks.heldCount()).isZero();
    }

    @Test
    void commands_that_share_a_calendar_go_in_the_order_they_asked_others_go_at_once() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        Lock held = locks.lockTogether(List.of("a"));
        CompletableFuture<Void> first = take(List.of("a", "b"), "first", order);
        awaitWaiting(1);
        CompletableFuture<Void> second = take(List.of("b"), "second", order);
        awaitWaiting(2);
        take(List.of("c"), "apart", order).get(10, TimeUnit.SECONDS);

        assertThat(order).as("b is free, but the first asked for it before").containsExactly("apart");
        held.release();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("apart", "first", "second");
        assertThat(locks.heldCount()).isZero();
    }

    @Test
    void a_command_takes_what_it_holds_again_and_gives_each_back_as_often() {
        Lock visit = locks.lockTogether(List.of("a", "b"));
        Lock loadedA = locks.obtainLock("a");
        loadedA.release();
        assertThat(locks.heldCount()).isEqualTo(2);
        assertThat(visit.isHeld()).isTrue();
        visit.release();
        visit.release(); // again: nothing more
        assertThat(locks.heldCount()).isZero();
    }

    @Test
    void a_wait_beyond_the_longest_is_refused_and_leaves_nothing_held() throws Exception {
        CalendarLocks impatient = new CalendarLocks(Duration.ofMillis(200));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            Lock b = impatient.obtainLock("b");
            holding.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            b.release();
        });
        other.start();
        holding.await();
        Lock a = impatient.obtainLock("a");

        assertThatThrownBy(() -> impatient.lockTogether(List.of("a", "b"))).isInstanceOf(LockAcquisitionFailedException.class);
        assertThat(a.isHeld()).as("what it held before stays held, counted once").isTrue();
        a.release();
        done.countDown();
        other.join();
        assertThat(impatient.heldCount()).isZero();
        assertThat(impatient.waitingCount()).isZero();
    }

    private CompletableFuture<Void> take(List<String> calendars, String who, List<String> order) {
        return CompletableFuture.runAsync(() -> {
            Lock lock = locks.lockTogether(calendars);
            order.add(who);
            lock.release();
        });
    }

    private void awaitWaiting(int commands) throws InterruptedException {
        for (int i = 0; i < 1000 && locks.waitingCount() < commands; i++) {
            Thread.sleep(10);
        }
        assertThat(locks.waitingCount()).isEqualTo(commands);
    }
}
