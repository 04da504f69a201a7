package ai.lepton.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trials deciding at a rung at the same moment, each through its own connection (as jobs on a cluster do): every one
 * sees exactly the values that arrived before its own, on SQLite and on a real PostgreSQL.
 */
class RungRecordsTest {

    private static final int TRIALS = 8;

    private static PostgresServer postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws IOException, InterruptedException {
        if (PostgresServer.unavailable() == null) {
            postgres = PostgresServer.start();
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException, InterruptedException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void concurrentTrialsOnSqliteEachSeeTheValuesBeforeTheirs() throws Exception {
        concurrentTrialsEachSeeTheValuesBeforeTheirs("jdbc:sqlite:" + dir.resolve("runs.db"));
    }

    @Test
    void concurrentTrialsOnPostgresqlEachSeeTheValuesBeforeTheirs() throws Exception {
        Assumptions.assumeTrue(postgres != null, PostgresServer::unavailable);
        concurrentTrialsEachSeeTheValuesBeforeTheirs(postgres.url());
    }

    private static void concurrentTrialsEachSeeTheValuesBeforeTheirs(String url) throws Exception {
        String sweep;
        try (RunStore store = RunStore.open(url)) {
            sweep = store.start("sweep").id();
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(TRIALS);
        List<Future<List<Double>>> seen = new ArrayList<>();
        for (int trial = 1; trial <= TRIALS; trial++) {
            int number = trial;
            seen.add(pool.submit(() -> {
                try (RunStore own = RunStore.open(url)) {
                    go.await();
                    return own.recordRung(sweep, 3, number, number / 10.0);
                }
            }));
        }
        go.countDown();
        List<List<Double>> views = new ArrayList<>();
        for (Future<List<Double>> view : seen) {
            views.add(view.get());
        }
        pool.shutdown();
        List<List<Double>> byLength = new ArrayList<>(views);
        byLength.sort(Comparator.comparingInt(List::size));
        List<Double> all = byLength.getLast();
        for (int i = 0; i < TRIALS; i++) {
            // one order of arrival: the views are its prefixes, one of each length, each ending in its own value
            assertEquals(all.subList(0, i + 1), byLength.get(i), "view " + i + " of " + views);
        }
        for (int trial = 1; trial <= TRIALS; trial++) {
            assertEquals(trial / 10.0, views.get(trial - 1).getLast());
        }
        try (RunStore store = RunStore.open(url)) {
            assertEquals(views.get(4), store.recordRung(sweep, 3, 5, 99.0), "asked again: what it saw the first time");
            assertEquals(List.of(Double.NaN), store.recordRung(sweep, 1, 1, Double.NaN), "rungs are apart; NaN kept");
            assertTrue(store.recordRung(sweep, 3, TRIALS + 1, 0.0).size() == TRIALS + 1);
        }
    }
}
