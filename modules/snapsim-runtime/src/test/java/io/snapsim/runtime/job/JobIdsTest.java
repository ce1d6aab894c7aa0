package io.snapsim.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job ids are drawn from the seed, so a seed replays with the same id; but two processes drawing
 * from the same seed into one checkpoint directory at the same moment (two test JVMs, two
 * terminals running {@code env.execute()} into the default directory) must not both get it.
 */
class JobIdsTest {
    @TempDir
    Path temp;

    @Test
    void theSameSeedGivesTheSameIdInAnotherDirectory() {
        assertThat(JobIds.newJobId(7, "job", temp.resolve("a"))).isEqualTo(JobIds.newJobId(7, "job", temp.resolve("b")));
    }

    @Test
    void theIdsFolderIsReservedAsItIsDrawn() {
        Path dir = temp.resolve("checkpoints");

        String first = JobIds.newJobId(7, "job", dir);
        String second = JobIds.newJobId(7, "job", dir); // drawn before the first job wrote anything

        assertThat(dir.resolve(first)).isDirectory();
        assertThat(second).isNotEqualTo(first);
        assertThat(dir.resolve(second)).isDirectory();
    }

    @Test
    void drawingAtTheSameMomentNeverGivesTwoCallersOneId() throws Exception {
        Path dir = temp.resolve("shared");
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> ids = IntStream.range(0, callers).mapToObj(i -> pool.submit(() -> {
                start.await();
                return JobIds.newJobId(7, "job", dir);
            })).toList();
            start.countDown();
            Set<String> distinct = ConcurrentHashMap.newKeySet();
            for (Future<String> id : ids) {
                distinct.add(id.get());
            }
            assertThat(distinct).hasSize(callers);
        } finally {
            pool.shutdownNow();
        }
        try (var folders = Files.list(dir)) {
            assertThat(folders.count()).isEqualTo(callers);
        }
    }
}
