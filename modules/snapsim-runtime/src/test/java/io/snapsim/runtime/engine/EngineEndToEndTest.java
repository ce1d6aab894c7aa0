package io.snapsim.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.config.Configuration;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.verdict.OutputComparison;
import io.snapsim.runtime.TestBackend;
import io.snapsim.runtime.fault.ArmedFault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in job on the actor runtime (live execution), crashed once at a random record (drawn
 * from a fixed seed), in both checkpointing modes and at several parallelisms, on every state
 * backend: the heap and RocksDB with incremental checkpoints in both modes, RocksDB with full
 * checkpoints in exactly-once mode. Exactly-once runs must equal the failure-free run on the same
 * backend exactly (committed output as a multiset and final keyed state); at-least-once runs must
 * lose nothing. The nested scenarios (a crash while snapshotting, repeated crashes, running out of
 * restart attempts, no checkpointing) run on every backend too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineEndToEndTest {

    /** A built-in job and, per operator, how many records enter it in total (for placing crashes). */
    record Job(String name, Map<String, Object> params, Map<String, Long> recordsPerOperator) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Job> JOBS = List.of(
            new Job("wordcount", Map.of("records", 60_000, "vocabulary", 200),
                    Map.of("source", 12_000L, "tokenizer", 12_000L, "counter", 60_000L, "sink", 60_000L)),
            new Job("running-sum", Map.of("records", 200_000, "keys", 500),
                    Map.of("source", 200_000L, "sum", 200_000L, "sink", 200_000L)),
            new Job("join", Map.of("orders", 10_000, "payments-per-order", 2),
                    Map.of("orders", 10_000L, "payments", 20_000L, "join", 30_000L, "sink", 20_000L)));

    /**
     * The jobs on RocksDB, which processes fewer records per second than the heap: the word count and
     * the running sum at half size (crashes are placed by the same fractions of their records).
     */
    static final List<Job> ROCKSDB_JOBS = List.of(
            new Job("wordcount", Map.of("records", 30_000, "vocabulary", 200),
                    Map.of("source", 6_000L, "tokenizer", 6_000L, "counter", 30_000L, "sink", 30_000L)),
            new Job("running-sum", Map.of("records", 100_000, "keys", 500),
                    Map.of("source", 100_000L, "sum", 100_000L, "sink", 100_000L)),
            JOBS.get(2));

    static List<Job> jobs(TestBackend backend) {
        return backend.rocksdb() ? ROCKSDB_JOBS : JOBS;
    }

    static final long DATA_SEED = 1;

    @TempDir
    Path temp;

    /**
     * Failure-free runs per backend, job and parallelism: a run is compared with one on its own backend
     * (each backend runs one size of each job: {@link #jobs(TestBackend)}).
     */
    private final Map<String, JobHarness.Run> references = new HashMap<>();

    /**
     * Every job, mode and parallelism on every backend, except at-least-once on RocksDB with full
     * checkpoints (the incremental RocksDB runs cover at-least-once there). Each backend draws the same
     * crashes: fault seeds depend on the job, mode and parallelism only.
     */
    Stream<Arguments> scenarios() {
        List<Arguments> all = new ArrayList<>();
        for (TestBackend backend : TestBackend.all()) {
            long faultSeed = 100;
            for (Job job : jobs(backend)) {
                for (String mode : List.of("EXACTLY_ONCE", "AT_LEAST_ONCE")) {
                    for (int parallelism : List.of(1, 2, 3)) {
                        if (backend != TestBackend.ROCKSDB_FULL || mode.equals("EXACTLY_ONCE")) {
                            all.add(Arguments.of(backend, job, mode, parallelism, faultSeed));
                        }
                        faultSeed++;
                    }
                }
            }
        }
        return all.stream();
    }

    static Configuration config(TestBackend backend, String mode, String interval) {
        return config(backend, Map.of(
                "execution.checkpointing.interval", interval,
                "execution.checkpointing.mode", mode,
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "2",
                "restart-strategy.fixed-delay.delay", "5 ms"));
    }

    static Configuration config(TestBackend backend, Map<String, String> keys) {
        return JobHarness.config(backend.with(keys));
    }

    /** A crash of a random operator subtask at a random record it surely reaches (the first tenth of its share). */
    static ArmedFault randomCrash(Job job, int parallelism, long faultSeed) {
        SplittableRandom random = new SplittableRandom(faultSeed);
        List<String> operators = new ArrayList<>(new java.util.TreeSet<>(job.recordsPerOperator().keySet()));
        String operator = operators.get(random.nextInt(operators.size()));
        long total = job.recordsPerOperator().get(operator);
        long low = Math.max(1, total / 40);
        long high = Math.max(low + 1, total / 10);
        return new ArmedFault(0, operator, random.nextInt(parallelism), random.nextLong(low, high), 0);
    }

    private JobHarness.Run reference(TestBackend backend, Job job, int parallelism) throws Exception {
        String key = backend + "/" + job.name() + "/" + parallelism;
        JobHarness.Run cached = references.get(key);
        if (cached == null) {
            Path dir = temp.resolve("reference-" + backend + "-" + job.name() + "-" + parallelism);
            cached = JobHarness.runBuiltIn(job.name(), job.params(), parallelism, config(backend, "EXACTLY_ONCE", "10 ms"),
                    dir, List.of(), DATA_SEED, false);
            assertThat(cached.result().status()).as(cached.result().failureMessage()).isEqualTo(JobStatus.FINISHED);
            references.put(key, cached);
        }
        return cached;
    }

    @ParameterizedTest(name = "{0} {1} {2} p={3} fault seed {4}")
    @MethodSource("scenarios")
    void recoversFromACrashAtARandomRecord(TestBackend backend, Job job, String mode, int parallelism, long faultSeed)
            throws Exception {
        JobHarness.Run reference = reference(backend, job, parallelism);
        ArmedFault crash = randomCrash(job, parallelism, faultSeed);
        Path dir = temp.resolve(backend + "-" + job.name() + "-" + mode + "-" + parallelism + "-" + faultSeed);

        JobHarness.Run run = JobHarness.runBuiltIn(job.name(), job.params(), parallelism, config(backend, mode, "5 ms"),
                dir, List.of(crash), DATA_SEED, false);

        assertThat(run.result().status()).as("status, failure: %s", run.result().failureMessage())
                .isEqualTo(JobStatus.FINISHED);
        assertThat(run.result().restarts()).as("the crash %s fired once", crash).isEqualTo(1);
        OutputComparison comparison = OutputComparison.compare(reference.output(), run.output(),
                reference.result().finalKeyedState(), run.result().finalKeyedState());
        assertThat(comparison.missing()).as("records lost: %s", comparison.examples()).isZero();
        if (mode.equals("EXACTLY_ONCE")) {
            assertThat(comparison.outputEqual()).as("exactly-once output: %s", comparison.examples()).isTrue();
            assertThat(run.result().finalKeyedState()).isEqualTo(reference.result().finalKeyedState());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class RestoringFromCompletedCheckpoints {
        @ParameterizedTest(name = "{0}")
        @EnumSource(TestBackend.class)
        void crashWhileSnapshottingRestoresThePreviousCheckpointAndStillEqualsTheFailureFreeRun(TestBackend backend)
                throws Exception {
            // RocksDB processes fewer records per second: a smaller job still spans well over 3 checkpoints
            int records = backend.rocksdb() ? 400_000 : 2_000_000;
            Job job = new Job("running-sum", Map.of("records", records, "keys", 1000), Map.of());
            JobHarness.Run reference = JobHarness.runBuiltIn(job.name(), job.params(), 2,
                    config(backend, "EXACTLY_ONCE", "1 h"), temp.resolve(backend + "-big-reference"), List.of(),
                    DATA_SEED, false);
            ArmedFault crash = new ArmedFault(0, "sum", 1, 0, 3);

            JobHarness.Run run = JobHarness.runBuiltIn(job.name(), job.params(), 2,
                    config(backend, "EXACTLY_ONCE", "10 ms"), temp.resolve(backend + "-big-run"), List.of(crash),
                    DATA_SEED, false);

            assertThat(run.result().status()).isEqualTo(JobStatus.FINISHED);
            assertThat(run.result().restarts()).isEqualTo(1);
            assertThat(run.result().counts().restored()).as("restored from checkpoint 2").isEqualTo(1);
            assertThat(run.result().counts().failed()).as("checkpoint 3 failed").isGreaterThanOrEqualTo(1);
            assertSameMultiset(reference.output(), run.output());
            assertThat(run.result().finalKeyedState()).isEqualTo(reference.result().finalKeyedState());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(TestBackend.class)
        void repeatedCrashesAcrossAttemptsStillEqualTheFailureFreeRun(TestBackend backend) throws Exception {
            Job job = jobs(backend).get(0);
            JobHarness.Run reference = reference(backend, job, 2);
            List<ArmedFault> crashes = List.of(
                    new ArmedFault(0, "counter", 0, 5_000, 0),
                    new ArmedFault(1, "counter", 1, 0, 2),
                    new ArmedFault(2, "source", 1, 1_000, 0));

            JobHarness.Run run = JobHarness.runBuiltIn(job.name(), job.params(), 2,
                    config(backend, Map.of("execution.checkpointing.interval", "5 ms",
                            "restart-strategy.type", "fixed-delay",
                            "restart-strategy.fixed-delay.attempts", "5",
                            "restart-strategy.fixed-delay.delay", "1 ms")),
                    temp.resolve(backend + "-repeated"), crashes, DATA_SEED, false);

            assertThat(run.result().status()).isEqualTo(JobStatus.FINISHED);
            assertThat(run.result().restarts()).isBetween(2, 3);
            assertSameMultiset(reference.output(), run.output());
            assertThat(run.result().finalKeyedState()).isEqualTo(reference.result().finalKeyedState());
        }
    }

    /** Order-insensitive equality that stays fast for millions of lines (AssertJ's is quadratic). */
    static void assertSameMultiset(List<String> expected, List<String> actual) {
        List<String> e = new ArrayList<>(expected);
        List<String> a = new ArrayList<>(actual);
        java.util.Collections.sort(e);
        java.util.Collections.sort(a);
        OutputComparison c = OutputComparison.compare(expected, actual, Map.of(), Map.of());
        assertThat(a.equals(e)).as("same records: %s", c.examples()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestBackend.class)
    void jobFailsWithAClearMessageWhenRestartAttemptsRunOut(TestBackend backend) throws Exception {
        Job job = jobs(backend).get(1);
        Path dir = temp.resolve(backend + "-out-of-attempts");
        JobGraph graph = JobHarness.builtIn(job.name(), job.params(), 1, DATA_SEED, dir.resolve("output"), false);
        JobHarness.Run run = JobHarness.run(graph, config(backend, Map.of(
                        "execution.checkpointing.interval", "10 ms",
                        "restart-strategy.type", "fixed-delay",
                        "restart-strategy.fixed-delay.attempts", "1",
                        "restart-strategy.fixed-delay.delay", "1 ms")),
                dir,
                List.of(new ArmedFault(0, "sum", 0, 100, 0), new ArmedFault(1, "sum", 0, 200, 0)), DATA_SEED);

        assertThat(run.result().status()).isEqualTo(JobStatus.FAILED);
        assertThat(run.result().failureMessage())
                .contains("Recovery is suppressed by FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=1")
                .contains("injected crash of sum#0 at record 200");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestBackend.class)
    void withoutCheckpointingAJobRestartsFromScratch(TestBackend backend) throws Exception {
        Job job = jobs(backend).get(0);
        JobHarness.Run reference = reference(backend, job, 2);
        JobHarness.Run run = JobHarness.runBuiltIn(job.name(), job.params(), 2, config(backend, Map.of(
                        "restart-strategy.type", "fixed-delay",
                        "restart-strategy.fixed-delay.attempts", "1",
                        "restart-strategy.fixed-delay.delay", "1 ms")),
                temp.resolve(backend + "-no-checkpoints"), List.of(new ArmedFault(0, "counter", 1, 3_000, 0)), DATA_SEED, false);

        assertThat(run.result().status()).isEqualTo(JobStatus.FINISHED);
        assertThat(run.result().counts()).isNull();
        assertThat(run.output()).containsExactlyInAnyOrderElementsOf(reference.output());
    }
}
