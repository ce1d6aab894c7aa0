package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snapsim run} on bad input: exit code 2 and exactly one line on stderr that names the
 * file, the key or path and what is wrong, with no stack trace; and the exit codes 0 and 1 of runs
 * that do or do not meet their expectation.
 */
class RunCommandErrorsTest {

    private static final Pattern EXCEPTION_CLASS = Pattern.compile("\\b\\w*(Exception|Error)\\b");

    @TempDir
    Path workingDir;

    private Path simulation(String name, String yaml) throws IOException {
        return Files.writeString(workingDir.resolve(name), yaml);
    }

    private Cli.Result run(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "run";
        all[1] = "--reports";
        all[2] = workingDir.resolve("reports").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.in(workingDir).run(all);
    }

    /** Exit code 2 and one line on stderr, starting with "snapsim: " and holding every fragment. */
    private static void assertOneLineError(Cli.Result result, String... fragments) {
        assertThat(result.exitCode()).as("exit code; err: %s", result.err()).isEqualTo(2);
        assertThat(result.errLines()).as("lines on stderr").hasSize(1);
        assertThat(result.err()).startsWith("snapsim: ").doesNotContain("\tat ");
        assertThat(EXCEPTION_CLASS.matcher(result.err()).find()).as("an exception class name in: %s", result.err()).isFalse();
        assertThat(result.out()).doesNotContain("\tat ").doesNotContain("verdict:");
        for (String fragment : fragments) {
            assertThat(result.err()).contains(fragment);
        }
    }

    @Nested
    class BadSimulationFiles {

        @Test
        void malformedYamlNamesTheFileAndThePosition() throws IOException {
            Path file = simulation("malformed.yaml", """
                    name: malformed
                    job: wordcount
                    parameters: {records: 100
                    """);

            assertOneLineError(run(file.toString()), file.toString(), "YAML syntax error at line ", "column ");
        }

        @Test
        void anUnknownTopLevelKeyIsNamedWithASuggestion() throws IOException {
            Path file = simulation("unknown-key.yaml", """
                    job: wordcount
                    jbo: running-sum
                    """);

            assertOneLineError(run(file.toString()), file + ": key 'jbo': unknown key", "did you mean 'job'?");
        }

        @Test
        void anUnknownJobListsTheKnownJobs() throws IOException {
            Path file = simulation("unknown-job.yaml", "job: wordcunt\n");

            assertOneLineError(run(file.toString()), file + ": key 'job': unknown job 'wordcunt'",
                    "join, running-sum, wordcount");
        }

        @Test
        void anUnknownJobParameterIsNamedWithItsPath() throws IOException {
            Path file = simulation("unknown-parameter.yaml", """
                    job: wordcount
                    parameters: {recrods: 100}
                    """);

            assertOneLineError(run(file.toString()), file + ": key 'parameters.recrods'",
                    "unknown parameter of job 'wordcount'", "'records'");
        }

        @Test
        void aNegativeCheckpointIntervalIsRefused() throws IOException {
            Path file = simulation("negative-interval.yaml", """
                    job: wordcount
                    config:
                      execution.checkpointing.interval: -5 ms
                    """);

            assertOneLineError(run(file.toString()), file + ": key 'execution.checkpointing.interval'", "'-5 ms'",
                    "must not be negative");
        }

        @Test
        void anUnknownConfigurationKeyIsNamedWithASuggestion() throws IOException {
            Path file = simulation("unknown-config.yaml", """
                    job: wordcount
                    config:
                      execution.checkpointing.intreval: 5 ms
                    """);

            assertOneLineError(run(file.toString()), file + ": key 'execution.checkpointing.intreval'",
                    "unknown configuration key", "'execution.checkpointing.interval'");
        }

        @Test
        void aCheckpointDirectoryOnHdfsNamesTheSchemeAndTheSupportedOnes() throws IOException {
            Path file = simulation("hdfs.yaml", """
                    job: wordcount
                    config:
                      state.checkpoints.dir: hdfs:///checkpoints/
                    """);

            Cli.Result result = run(file.toString());

            assertOneLineError(result, file + ": key 'state.checkpoints.dir'", "hdfs:///checkpoints/",
                    "scheme 'hdfs'", "plain paths and file:// URIs");
            assertThat(workingDir.resolve("reports")).as("nothing ran").doesNotExist();
        }

        @Test
        void aCrashOfAnUnknownOperatorListsTheJobsOperators() throws IOException {
            Path file = simulation("unknown-operator.yaml", """
                    job: wordcount
                    parallelism: 2
                    config:
                      execution.checkpointing.interval: 10 ms
                    faults:
                      - crash: {operator: countr, subtask: 0, at-record: 10}
                    """);

            Cli.Result result = run(file.toString());

            assertOneLineError(result, file.toString(), "faults[0].crash.operator", "no operator 'countr'",
                    "source", "tokenizer", "counter", "sink");
            assertThat(result.out()).doesNotContain("reference:");
        }

        @Test
        void aMissingSimulationFileIsNamed() {
            Path file = workingDir.resolve("no-such-simulation.yaml");

            assertOneLineError(run(file.toString()), file + ": no such file");
        }
    }

    @Nested
    class BadRestorePath {

        private Path validSimulation() throws IOException {
            return simulation("resume.yaml", """
                    job: wordcount
                    parameters: {records: 1000}
                    execution: live
                    config:
                      execution.checkpointing.interval: 10 ms
                    """);
        }

        @Test
        void aMissingPathIsNamed() throws IOException {
            Path missing = workingDir.resolve("checkpoints/no-job/chk-3");

            Cli.Result result = run("-s", missing.toString(), validSimulation().toString());

            assertOneLineError(result, missing.toString(), "does not exist");
            assertThat(result.out()).doesNotContain("run:");
        }

        @Test
        void aDirectoryWithoutMetadataIsNamed() throws IOException {
            Path empty = Files.createDirectories(workingDir.resolve("checkpoints/some-job/chk-3"));

            assertOneLineError(run("-s", empty.toString(), validSimulation().toString()), empty.toString(),
                    "no _metadata");
        }

        @Test
        void anUnsupportedSchemeIsNamed() throws IOException {
            assertOneLineError(run("-s", "s3://bucket/chk-3", validSimulation().toString()), "s3://bucket/chk-3",
                    "scheme 's3'");
        }
    }

    @Nested
    class Verdicts {

        @Test
        void aRunThatMeetsItsExpectationExitsZeroAndSummarisesTheCheckpoints() throws IOException {
            Path file = simulation("valid.yaml", """
                    name: valid
                    job: wordcount
                    parameters: {records: 4000, vocabulary: 50}
                    parallelism: 2
                    execution: live
                    sink: transactional
                    expect: equivalent
                    config:
                      execution.checkpointing.interval: 10 ms
                    """);

            Cli.Result result = run(file.toString());

            assertThat(result.exitCode()).as("err: %s%nout: %s", result.err(), result.out()).isEqualTo(0);
            assertThat(result.err()).isEmpty();
            assertThat(result.out())
                    .containsPattern("(?m)^status:\\s+FINISHED after 0 restart\\(s\\)")
                    .containsPattern("(?m)^checkpoints: [1-9]\\d* completed, 0 failed, [1-9]\\d* triggered, 0 restored$")
                    .containsPattern("(?m)^output:\\s+4000 committed records, reference 4000: 0 lost, 0 duplicate, 0 unexpected; final state equal$")
                    .containsPattern("(?m)^verdict:\\s+VALID \\(expected equivalent\\)");
            try (var runs = Files.list(workingDir.resolve("reports/valid"))) {
                assertThat(runs.toList()).singleElement()
                        .satisfies(dir -> assertThat(dir.resolve("summary.json")).isRegularFile());
            }
        }

        @Test
        void aReplayIntoAPlainSinkWithoutCheckpointsIsInvalidAndExitsOne() throws IOException {
            Path file = simulation("invalid.yaml", """
                    name: invalid
                    job: wordcount
                    parameters: {records: 4000, vocabulary: 50}
                    parallelism: 2
                    execution: live
                    sink: plain
                    expect: equivalent
                    config:
                      restart-strategy.type: fixed-delay
                      restart-strategy.fixed-delay.attempts: 1
                      restart-strategy.fixed-delay.delay: 1 ms
                    faults:
                      - crash: {operator: counter, subtask: 0, at-record: 500}
                    """);

            Cli.Result result = run(file.toString());

            assertThat(result.exitCode()).as("err: %s%nout: %s", result.err(), result.out()).isEqualTo(1);
            assertThat(result.err()).isEmpty();
            assertThat(result.out())
                    .containsPattern("(?m)^status:\\s+FINISHED after 1 restart\\(s\\)")
                    .containsPattern("(?m)^checkpoints: off$")
                    .containsPattern("(?m)^output:\\s+\\d+ committed records, reference 4000: 0 lost, [1-9]\\d* duplicate")
                    .containsPattern("(?m)^verdict:\\s+INVALID \\(expected equivalent\\): \\d+ duplicates");
        }
    }
}
