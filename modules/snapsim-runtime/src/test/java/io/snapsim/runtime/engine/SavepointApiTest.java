package io.snapsim.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.job.JobResult;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.runtime.job.JobRunner;
import io.snapsim.runtime.job.RunningJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop-with-savepoint from the Java API on a live job: a self-contained savepoint in state.savepoints.dir. */
class SavepointApiTest {
    @TempDir
    Path temp;

    @Test
    void stopWithSavepointLeavesASelfContainedSavepointAndStopsTheJob() throws Exception {
        var graph = JobHarness.builtIn("running-sum", Map.of("records", 500_000_000L, "keys", 100), 2, 1,
                temp.resolve("output"), false);
        RunningJob job = JobHarness.start(graph, JobHarness.config(Map.of(
                        "execution.checkpointing.interval", "20 ms",
                        "state.savepoints.dir", temp.resolve("savepoints").toString())),
                temp, List.of(), 1, JobRunner.Journal.IN_MEMORY);
        Thread.sleep(300);

        job.triggerSavepoint(true);
        JobResult result = job.await(Duration.ofMinutes(1));

        assertThat(result.status()).isEqualTo(JobStatus.CANCELED);
        Path metadata;
        try (Stream<Path> files = Files.walk(temp.resolve("savepoints"))) {
            metadata = files.filter(p -> p.getFileName().toString().equals("_metadata")).findFirst().orElseThrow();
        }
        assertThat(metadata.getParent().getFileName().toString()).matches("savepoint-[0-9a-z_]{6}-[0-9a-f]{12}");
        var read = MetadataFormat.read(metadata);
        assertThat(read.kind()).isEqualTo(SnapshotKind.SAVEPOINT);
        assertThat(read.isSelfContained()).isTrue();
    }
}
