package io.snapsim.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.config.Configuration;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryJson;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.Expectation;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.sim.SinkKind;
import io.snapsim.core.verdict.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link RunTap} sees a deterministic run one event at a time, on the thread that drives the run,
 * with the event already in {@code history.jsonl} and nothing after it: while the tap holds the
 * thread, the run cannot move. It can stop the run unfinished.
 */
class RunTapTest {
    @TempDir
    Path temp;

    private SimulationSpec spec() {
        return new SimulationSpec("tapped", "", temp.resolve("tapped.yaml"), "running-sum", Map.of("records", 60_000, "keys", 50),
                2, 3, ExecutionMode.DETERMINISTIC, SinkKind.TRANSACTIONAL, Expectation.EQUIVALENT,
                Configuration.fromMap(Map.of("execution.checkpointing.interval", "10 ms"), "test"),
                List.of(CrashFault.atCheckpoint("sum", 0, 2)));
    }

    /** Records what it sees: the thread, and the history file's lines at that moment. */
    private final class Watcher implements RunTap {
        final Thread driver = Thread.currentThread();
        final List<String> events = new ArrayList<>();
        final List<Integer> linesOnDisk = new ArrayList<>();
        boolean onOtherThread;
        int stopAfter = Integer.MAX_VALUE;

        @Override
        public void onEvent(HistoryEvent event) {
            onOtherThread |= Thread.currentThread() != driver;
            events.add(HistoryJson.write(event));
            try {
                linesOnDisk.add(Files.readAllLines(temp.resolve("reports/tapped/run/history.jsonl")).size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean stopRequested() {
            return events.size() >= stopAfter;
        }
    }

    @Test
    void seesEveryEventOnTheDrivingThreadWithTheHistoryWrittenUpToItAndNoFurther() throws Exception {
        Watcher watcher = new Watcher();

        SimulationResult result = new SimulationRunner(temp.resolve("reports"), line -> { }).tapping(watcher)
                .run(spec(), spec().config(), "run");

        List<String> history = Files.readAllLines(result.runDir().resolve("history.jsonl"));
        assertThat(watcher.events).isEqualTo(history.subList(1, history.size()));
        assertThat(watcher.onOtherThread).as("every event reached the tap on the run's one driver thread").isFalse();
        for (int i = 0; i < watcher.linesOnDisk.size(); i++) {
            assertThat(watcher.linesOnDisk.get(i)).as("history.jsonl while the tap held event %d", i + 1).isEqualTo(i + 2);
        }
        assertThat(result.verdict().outcome()).isEqualTo(Outcome.VALID);
    }

    @Test
    void stopsTheRunUnfinishedWhenAsked() throws Exception {
        Watcher watcher = new Watcher();
        watcher.stopAfter = 30;

        SimulationResult result = new SimulationRunner(temp.resolve("reports"), line -> { }).tapping(watcher)
                .run(spec(), spec().config(), "run");

        List<String> history = Files.readAllLines(result.runDir().resolve("history.jsonl"));
        assertThat(history).noneMatch(line -> line.contains("\"type\":\"job-ended\""));
        assertThat(history.size()).as("the run stopped soon after event 30: its shutdown records little more")
                .isLessThan(60);
        assertThat(result.verdict().outcome()).isEqualTo(Outcome.UNKNOWN);
    }
}
