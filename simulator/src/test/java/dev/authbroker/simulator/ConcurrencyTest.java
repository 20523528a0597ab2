package dev.authbroker.simulator;

import static dev.authbroker.simulator.TestInstagram.CLIENT_ID;
import static dev.authbroker.simulator.TestInstagram.REDIRECT_URI;
import static dev.authbroker.simulator.TestInstagram.SECRET;
import static dev.authbroker.simulator.TestInstagram.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void exchangeWhenOneCodePresentedConcurrentlyThenExactlyOneSucceeds() throws Exception {
        try (TestInstagram test = TestInstagram.start()) {
            String code = test.instagram.issueCodeForTest(CLIENT_ID, REDIRECT_URI, USER_ID);
            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add(pool.submit((Callable<Integer>) () -> {
                    go.await();
                    return test.exchangeCode(CLIENT_ID, SECRET, REDIRECT_URI, code).status();
                }));
            }
            go.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get(30, TimeUnit.SECONDS));
            }
            pool.shutdownNow();

            assertThat(results).filteredOn(s -> s == 200).hasSize(1);
            assertThat(results).filteredOn(s -> s == 400).hasSize(19);
            assertThat(test.instagram.calls("token")).isEqualTo(20);
        }
    }
}
