package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Small deterministic simulations for the run report's tests, run through the command line into a folder. */
final class ReportRuns {
    /** A running sum whose sum operator crashes between checkpoints: VALID, with completed and failed checkpoints. */
    static final String CRASH = """
            name: report-crash
            description: The sum crashes between checkpoints; the job restores the latest completed one.
            job: running-sum
            parameters: {records: 60000, keys: 50}
            parallelism: 2
            seed: 5
            execution: deterministic
            config:
              execution.checkpointing.interval: 5 ms
              restart-strategy.type: fixed-delay
              restart-strategy.fixed-delay.attempts: 3
              restart-strategy.fixed-delay.delay: 1 ms
            faults:
              - crash: {operator: sum, subtask: 1, at-record: 20000}
              - crash: {operator: sum, subtask: 0, at-record: 900000, optional: true}
            """;

    /**
     * The planted bug: a sink that commits at pre-commit, its subtask 0 crashing after its snapshot of
     * checkpoint 3, judged as if it were correct: INVALID, with duplicates.
     */
    static final String EAGER_COMMIT = """
            name: report-eager
            job: running-sum
            parameters: {records: 60000, keys: 50}
            parallelism: 2
            seed: 2
            execution: deterministic
            sink: eager-commit
            expect: equivalent
            config:
              execution.checkpointing.interval: 5 ms
              restart-strategy.type: fixed-delay
              restart-strategy.fixed-delay.attempts: 3
              restart-strategy.fixed-delay.delay: 1 ms
            faults:
              - crash-at: {operator: sink, subtask: 0, at-checkpoint: 3, phase: after-snapshot}
            """;

    private static final Pattern REPORT = Pattern.compile("report: +(\\S+)/index\\.html");

    private ReportRuns() {
    }

    /** Writes {@code yaml} as {@code file} in {@code dir} and runs it there with {@code options}; the run's result. */
    static Cli.Result run(Path dir, String file, String yaml, String... options) {
        try {
            Files.writeString(dir.resolve(file), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] args = new String[options.length + 4];
        args[0] = "run";
        args[1] = file;
        args[2] = "--reports";
        args[3] = "reports";
        System.arraycopy(options, 0, args, 4, options.length);
        return Cli.in(dir).run(args);
    }

    /** The run folder whose report a run printed. */
    static Path runDir(Cli.Result result) {
        Matcher m = REPORT.matcher(result.out());
        assertThat(m.find()).as(result.out() + result.err()).isTrue();
        return Path.of(m.group(1));
    }

    /** The report page of the run in {@code runDir}. */
    static Document page(Path runDir) {
        try {
            return Jsoup.parse(runDir.resolve("index.html").toFile(), StandardCharsets.UTF_8.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
