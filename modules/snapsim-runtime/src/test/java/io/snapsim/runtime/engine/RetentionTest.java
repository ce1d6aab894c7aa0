package io.snapsim.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.checkpoint.CheckpointStatus;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.runtime.fault.ArmedFault;
import io.snapsim.runtime.job.JobRunner;
import io.snapsim.runtime.job.RunningJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The retention table of the reference, cell by cell, on the actor runtime with the durable
 * journal: what is left under {@code {dir}/{job-id}/} when a job is cancelled, fails terminally or
 * finishes, for each {@code externalized-checkpoint-retention} setting; and that nothing outside
 * the job's directory is touched.
 */
class RetentionTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final long SEED = 7;
    static final String JOB_ID = String.format("%032x", SEED); // as JobHarness.start names the job
    static final Pattern CHECKPOINT_DIR = Pattern.compile("chk-(\\d+)");

    @TempDir
    Path work;

    /** The configured checkpoint directory ({@code execution.checkpointing.dir}), not the harness default. */
    Path checkpointsDir;
    Path jobDir;
    Map<Path, String> outsideBefore;

    @BeforeEach
    void plantNeighbours() throws IOException {
        checkpointsDir = work.resolve("configured-checkpoints");
        jobDir = checkpointsDir.resolve(JOB_ID);
        // things that belong to others: they must survive whatever the job's retention does
        write(work.resolve("neighbour/notes.txt"), "keep me");
        write(checkpointsDir.resolve("README"), "checkpoints of several jobs");
        write(checkpointsDir.resolve("0123456789abcdef0123456789abcdef/chk-4/_metadata"), "another job's checkpoint");
        outsideBefore = filesOutsideTheJob();
    }

    // ---------------------------------------------------------------- the cells

    @ParameterizedTest(name = "cancelled with {0}: kept = {1}")
    @CsvSource({
            "NO_EXTERNALIZED_CHECKPOINTS, false",
            "DELETE_ON_CANCELLATION, false",
            "RETAIN_ON_CANCELLATION, true"})
    void cancelledJob(String retention, boolean kept) throws Exception {
        RunningJob job = start(longJob(), config(retention, 1), List.of());
        waitForCompletedCheckpoint(job, 2);

        job.cancel();
        JobResult result = job.await(JobHarness.TIMEOUT);

        assertThat(result.status()).isEqualTo(JobStatus.CANCELED);
        assertRetained(result, kept, 1);
        assertJournalRemovedAndNeighboursUntouched();
    }

    @ParameterizedTest(name = "failed with {0}: kept = {1}")
    @CsvSource({
            "NO_EXTERNALIZED_CHECKPOINTS, false",
            "DELETE_ON_CANCELLATION, true",
            "RETAIN_ON_CANCELLATION, true"})
    void terminallyFailedJob(String retention, boolean kept) throws Exception {
        // no restarts: the crash while snapshotting checkpoint 3, after 1 and 2 completed, ends the job
        RunningJob job = start(longJob(), config(retention, 1), List.of(new ArmedFault(0, "sum", 0, 0, 3)));

        JobResult result = job.await(JobHarness.TIMEOUT);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failureMessage()).contains("injected crash of sum#0 while snapshotting checkpoint 3");
        assertThat(result.counts().completed()).as("checkpoints completed before the crash").isPositive();
        assertRetained(result, kept, 1);
        assertJournalRemovedAndNeighboursUntouched();
    }

    @ParameterizedTest(name = "finished with {0}: kept = false")
    @CsvSource({"NO_EXTERNALIZED_CHECKPOINTS", "DELETE_ON_CANCELLATION", "RETAIN_ON_CANCELLATION"})
    void finishedJob(String retention) throws Exception {
        RunningJob job = start(JobHarness.builtIn("running-sum", Map.of("records", 300_000, "keys", 100), 2, SEED,
                work.resolve("output"), false), config(retention, 1), List.of());

        JobResult result = job.await(JobHarness.TIMEOUT);

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(result.counts().completed()).isPositive();
        assertRetained(result, false, 1);
        assertJournalRemovedAndNeighboursUntouched();
    }

    @Test
    void aRetainedCancelledJobKeepsTheNewestNumRetainedCheckpoints() throws Exception {
        RunningJob job = start(longJob(), config("RETAIN_ON_CANCELLATION", 3), List.of());
        waitForCompletedCheckpoint(job, 5);

        job.cancel();
        JobResult result = job.await(JobHarness.TIMEOUT);

        assertThat(result.status()).isEqualTo(JobStatus.CANCELED);
        assertThat(result.counts().completed()).isGreaterThanOrEqualTo(4);
        assertRetained(result, true, 3);
        assertJournalRemovedAndNeighboursUntouched();
    }

    // ---------------------------------------------------------------- set-up

    /** running-sum over more records than any test waits for: it ends only by cancellation or failure. */
    JobGraph longJob() {
        return JobHarness.builtIn("running-sum", Map.of("records", 2_000_000_000L, "keys", 1000), 2, SEED,
                work.resolve("output"), false);
    }

    /** Checkpoints every 10 ms into the configured directory; no restarts, so one crash ends the job. */
    Configuration config(String retention, int numRetained) {
        return JobHarness.config(Map.of(
                "execution.checkpointing.interval", "10 ms",
                "execution.checkpointing.externalized-checkpoint-retention", retention,
                "execution.checkpointing.num-retained", Integer.toString(numRetained),
                "execution.checkpointing.dir", checkpointsDir.toString(),
                "restart-strategy.type", "none"));
    }

    RunningJob start(JobGraph graph, Configuration config, List<ArmedFault> faults) {
        return JobHarness.start(graph, config, work, faults, SEED, JobRunner.Journal.DURABLE);
    }

    /** Polls the file system until {@code chk-N/_metadata} exists for some N >= {@code id}. */
    void waitForCompletedCheckpoint(RunningJob job, long id) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (completedOnDisk().keySet().stream().anyMatch(n -> n >= id)) {
                return;
            }
            if (job.result().isDone()) {
                fail("the job ended before checkpoint " + id + " completed: " + job.result().get());
            }
            Thread.sleep(5);
        }
        String state = job.diagnose();
        job.cancel();
        fail("no checkpoint >= " + id + " completed within " + WAIT.toSeconds() + " s; " + state);
    }

    // ---------------------------------------------------------------- checks

    /**
     * kept: exactly the newest {@code numRetained} completed checkpoints remain as readable
     * {@code chk-N/_metadata}, and no other {@code chk-*} directory; not kept: no {@code chk-*} and
     * no job directory at all.
     */
    void assertRetained(JobResult result, boolean kept, int numRetained) throws IOException {
        Map<Long, Path> onDisk = completedOnDisk();
        if (!kept) {
            assertThat(checkpointDirectories()).as("chk-* directories left").isEmpty();
            assertThat(jobDir).as("the job directory").doesNotExist();
            assertThat(result.latestCheckpoint()).isNull();
            return;
        }
        List<Long> completed = new ArrayList<>();
        for (CheckpointStats s : result.checkpointHistory()) {
            if (s.status() == CheckpointStatus.COMPLETED) {
                completed.add(s.checkpointId());
            }
        }
        List<Long> newest = completed.subList(Math.max(0, completed.size() - numRetained), completed.size());
        assertThat(onDisk.keySet()).as("retained checkpoints (completed: %s)", completed).containsExactlyElementsOf(newest);
        assertThat(checkpointDirectories()).as("no chk-* without _metadata").hasSameSizeAs(newest);
        for (Map.Entry<Long, Path> e : onDisk.entrySet()) {
            CheckpointMetadata md = MetadataFormat.read(e.getValue());
            assertThat(md.checkpointId()).isEqualTo(e.getKey());
            assertThat(md.jobId()).isEqualTo(JOB_ID);
            assertThat(md.operators()).isNotEmpty();
        }
        long latest = newest.get(newest.size() - 1);
        assertThat(Path.of(result.latestCheckpoint())).isEqualTo(onDisk.get(latest));
    }

    void assertJournalRemovedAndNeighboursUntouched() throws IOException {
        assertThat(jobDir.resolve("journal")).as("the coordinator's journal").doesNotExist();
        assertThat(filesOutsideTheJob()).as("files outside the job's checkpoint directory").isEqualTo(outsideBefore);
        assertThat(work.resolve("checkpoints")).as("the unconfigured default directory").doesNotExist();
    }

    /** {@code chk-N} → its {@code _metadata}, for every checkpoint directory that holds one. */
    Map<Long, Path> completedOnDisk() {
        Map<Long, Path> ids = new TreeMap<>();
        for (Path dir : checkpointDirectories()) {
            Matcher m = CHECKPOINT_DIR.matcher(dir.getFileName().toString());
            Path metadata = dir.resolve(MetadataFormat.METADATA_FILE_NAME);
            if (m.matches() && Files.isRegularFile(metadata)) {
                ids.put(Long.parseLong(m.group(1)), metadata);
            }
        }
        return ids;
    }

    List<Path> checkpointDirectories() {
        if (!Files.isDirectory(jobDir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(jobDir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("chk-")).sorted().toList();
        } catch (IOException e) {
            return List.of(); // the job is deleting it right now: look again
        }
    }

    /** Every file under the work directory except the job's own checkpoint directory and its sink output, with content. */
    Map<Path, String> filesOutsideTheJob() throws IOException {
        Map<Path, String> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(work)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                if (f.startsWith(jobDir) || f.startsWith(work.resolve("output"))) {
                    continue;
                }
                files.put(work.relativize(f), Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
