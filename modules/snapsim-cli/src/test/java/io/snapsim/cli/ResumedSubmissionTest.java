package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run -s} is a new submission, as in Flink: the resumed job has a job id of its own (the same
 * for the same seed and restore path), its checkpoint ids continue after the restored one, and the
 * summary says what it restored. Planned cancels and savepoints after N checkpoints count the
 * checkpoints this submission completed.
 */
class ResumedSubmissionTest {
    @TempDir
    Path dir;

    private static String simulation(String name, String faults) {
        return """
                name: %s
                job: running-sum
                parameters: {records: 300000, keys: 500}
                parallelism: 2
                seed: 4
                execution: deterministic
                sink: transactional
                expect: equivalent
                config:
                  execution.checkpointing.interval: 5 ms
                  execution.checkpointing.num-retained: 5
                  execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
                faults:
                  - %s
                """.formatted(name, faults);
    }

    private static Path runDir(Cli.Result result) {
        Matcher m = Pattern.compile("report:      (\\S+)index.html").matcher(result.out());
        assertThat(m.find()).as(result.out()).isTrue();
        return Path.of(m.group(1));
    }

    private static JsonNode summary(Cli.Result result) throws IOException {
        return new ObjectMapper().readTree(runDir(result).resolve("summary.json").toFile()).get("run");
    }

    /** The completed rows' ids: of savepoints for "savepoint", else of checkpoints (periodic and final). */
    private static List<Long> completedIds(JsonNode run, String kind) {
        List<Long> ids = new ArrayList<>();
        run.get("checkpoints").forEach(row -> {
            boolean savepoint = row.get("kind").asText().equals("savepoint");
            if (row.get("status").asText().equals("COMPLETED") && savepoint == kind.equals("savepoint")) {
                ids.add(row.get("id").asLong());
            }
        });
        return ids;
    }

    private static List<String> checkpointFolders(Path runDir, String jobId) throws IOException {
        try (Stream<Path> folders = Files.list(runDir.resolve("checkpoints").resolve(jobId))) {
            return folders.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("chk-")).sorted().toList();
        }
    }

    @Test
    void resumingCheckpointThreeGivesANewJobIdWhoseCheckpointsStartAtFourAndCancelsAfterTwoOfItsOwn() throws Exception {
        Files.writeString(dir.resolve("first.yaml"), simulation("first", "cancel: {after-checkpoints: 3}"));
        Files.writeString(dir.resolve("resume.yaml"), simulation("resume", "cancel: {after-checkpoints: 2}"));
        Cli cli = Cli.in(dir);
        Cli.Result first = cli.run("run", "first.yaml");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        String firstJob = summary(first).get("jobId").asText();
        assertThat(completedIds(summary(first), "checkpoint")).containsExactly(1L, 2L, 3L);
        Path chk3 = runDir(first).resolve("checkpoints").resolve(firstJob).resolve("chk-3").resolve("_metadata");

        Cli.Result resumed = cli.run("run", "-s", chk3.toString(), "resume.yaml");

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        JsonNode run = summary(resumed);
        String resumedJob = run.get("jobId").asText();
        assertThat(resumedJob).matches("[0-9a-f]{32}").isNotEqualTo(firstJob);
        assertThat(completedIds(run, "checkpoint")).as("two checkpoints of its own, continuing the ids")
                .containsExactly(4L, 5L);
        assertThat(checkpointFolders(runDir(resumed), resumedJob)).containsExactly("chk-4", "chk-5");
        JsonNode restored = run.get("restored");
        assertThat(restored.get("kind").asText()).isEqualTo("checkpoint");
        assertThat(restored.get("checkpointId").isIntegralNumber()).isTrue();
        assertThat(restored.get("checkpointId").asLong()).isEqualTo(3);
        assertThat(restored.get("jobId").asText()).isEqualTo(firstJob);
        assertThat(restored.get("metadataPath").asText()).isEqualTo(chk3.toString());
        assertThat(resumed.out()).contains("restored:    checkpoint 3 of job " + firstJob + " from " + chk3
                + "; this run completed checkpoints 4..5\n");
    }

    @Test
    void theSameSeedAndRestorePathGiveTheSameJobIdAndAByteIdenticalHistory() throws Exception {
        Files.writeString(dir.resolve("first.yaml"), simulation("first", "cancel: {after-checkpoints: 3}"));
        Files.writeString(dir.resolve("resume.yaml"), simulation("resume", "cancel: {after-checkpoints: 2}"));
        Cli cli = Cli.in(dir);
        Cli.Result first = cli.run("run", "first.yaml");
        String firstJob = summary(first).get("jobId").asText();
        Path chk3 = runDir(first).resolve("checkpoints").resolve(firstJob).resolve("chk-3");

        Cli.Result once = cli.run("run", "-s", chk3.toString(), "resume.yaml");
        Cli.Result again = cli.run("run", "-s", chk3.toString(), "resume.yaml");

        assertThat(summary(again).get("jobId").asText()).isEqualTo(summary(once).get("jobId").asText());
        assertThat(Files.readAllBytes(runDir(again).resolve("history.jsonl")))
                .isEqualTo(Files.readAllBytes(runDir(once).resolve("history.jsonl")));
    }

    @Test
    void resumingASavepointContinuesItsIdsAndTakesTheNextSavepointAfterTwoCheckpointsOfItsOwn() throws Exception {
        Files.writeString(dir.resolve("stop.yaml"), simulation("stop", "savepoint: {after-checkpoints: 2, stop: true}"));
        Cli cli = Cli.in(dir);
        Cli.Result first = cli.run("run", "stop.yaml");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        List<Long> firstSavepoints = completedIds(summary(first), "savepoint");
        assertThat(firstSavepoints).hasSize(1);
        long savepointId = firstSavepoints.get(0);
        Matcher m = Pattern.compile("savepoint \\d+ completed: (\\S+_metadata)").matcher(first.out());
        assertThat(m.find()).isTrue();

        Cli.Result resumed = cli.run("run", "-s", m.group(1), "stop.yaml");

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        JsonNode run = summary(resumed);
        assertThat(run.get("restored").get("kind").asText()).isEqualTo("savepoint");
        assertThat(run.get("restored").get("checkpointId").asLong()).isEqualTo(savepointId);
        assertThat(completedIds(run, "checkpoint")).containsExactly(savepointId + 1, savepointId + 2);
        assertThat(completedIds(run, "savepoint")).containsExactly(savepointId + 3);
        assertThat(resumed.out()).contains("restored:    savepoint " + savepointId + " of job "
                + summary(first).get("jobId").asText() + " from " + m.group(1));
    }
}
