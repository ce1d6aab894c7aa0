package io.snapsim.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.config.Configuration;
import io.snapsim.core.explain.Explainer;
import io.snapsim.core.explain.RunFacts;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryReader;
import io.snapsim.core.run.RunFolder;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.Expectation;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.Faults;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.sim.SinkKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explanations on real histories: deterministic runs of the running sum with crashes, a
 * coordinator crash, failed and damaged checkpoint writes, a savepoint, a cancel, at-least-once
 * barriers, the eager-commit sink and a dropping channel. Every event of every run gets a sentence,
 * and the key events get the right one.
 */
class ExplainerOnRunsTest {
    @TempDir
    Path temp;

    /** One run's events, each with its explanation. */
    private record Explained(List<HistoryEvent> events, List<String> sentences) {
        List<String> of(String type) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).type().equals(type)) {
                    out.add(sentences.get(i));
                }
            }
            return out;
        }
    }

    private Explained run(String name, SinkKind sink, Map<String, String> extra, FaultSpec... faults) throws Exception {
        Map<String, String> keys = new LinkedHashMap<>(Map.of(
                "execution.checkpointing.interval", "10 ms",
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "5",
                "restart-strategy.fixed-delay.delay", "5 ms"));
        keys.putAll(extra);
        SimulationSpec spec = new SimulationSpec(name, "", temp.resolve(name + ".yaml"), "running-sum",
                Map.of("records", 120_000, "keys", 100), 2, 11, ExecutionMode.DETERMINISTIC, sink,
                Expectation.EQUIVALENT, Configuration.fromMap(keys, name), List.of(faults));
        SimulationResult result = new SimulationRunner(temp.resolve("reports"), line -> { }).run(spec, spec.config(), "run");
        List<HistoryEvent> events = HistoryReader.read(result.runDir().resolve(RunFolder.HISTORY));
        Explainer explainer = new Explainer(RunFacts.of(RunFolder.readInputs(result.runDir())));
        List<String> sentences = new ArrayList<>();
        for (HistoryEvent event : events) {
            sentences.add(explainer.explain(event));
        }
        return new Explained(events, sentences);
    }

    @Test
    void everyKindOfEventHasAnExplanation() {
        Set<Class<?>> all = Set.of(HistoryEvent.class.getPermittedSubclasses());
        assertThat(Explainer.explainedTypes()).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void explainsEveryEventOfRealRunsAndTheKeyEventsRight() throws Exception {
        List<Explained> runs = List.of(
                run("crashes", SinkKind.TRANSACTIONAL, Map.of(), CrashFault.atCheckpoint("sum", 0, 2),
                        new Faults.CrashCoordinator(4, Faults.CoordinatorPhase.BEFORE_NOTIFY),
                        new Faults.StorageFault(Faults.StorageKind.FAIL_WRITE, 6, "sum", 1, null)),
                run("damaged", SinkKind.TRANSACTIONAL, Map.of("execution.checkpointing.num-retained", "2"),
                        new Faults.StorageFault(Faults.StorageKind.CORRUPT_DATA, 3, "sum", 0, null)),
                run("cancelled", SinkKind.TRANSACTIONAL,
                        Map.of("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION"),
                        new Faults.Cancel(3L, null)),
                run("at-least-once", SinkKind.PLAIN, Map.of("execution.checkpointing.mode", "AT_LEAST_ONCE"),
                        CrashFault.atRecord("sum", 1, 40_000)),
                run("eager", SinkKind.EAGER_COMMIT, Map.of(), new Faults.CrashAt("sink", 0, 3L,
                        Faults.CheckpointPhase.AFTER_SNAPSHOT, null)),
                run("dropped", SinkKind.TRANSACTIONAL, Map.of(), new Faults.NetworkFault(Faults.NetworkKind.DROP,
                        "source", "sum", 5, null)),
                run("savepoint", SinkKind.TRANSACTIONAL, Map.of(), new Faults.Savepoint(2L, null, true)));

        Set<String> seen = new TreeSet<>();
        for (Explained r : runs) {
            r.events().forEach(e -> seen.add(e.type()));
            assertThat(r.sentences()).allSatisfy(s -> assertThat(s).isNotBlank().doesNotContain("null"));
        }
        assertThat(seen).as("the runs cover the kinds of events a teacher meets").contains("job-graph", "deploy", "failover",
                "restart-scheduled", "coordinator-crashed", "checkpoint-damaged", "cancel", "savepoint", "job-ended",
                "checkpoint-triggered", "savepoint-triggered", "checkpoint-acknowledged-by-all", "checkpoint-completed",
                "checkpoint-stored", "checkpoint-aborted", "checkpoint-subsumed", "savepoint-completed", "retention-applied",
                "task-lifecycle", "task-wired", "task-restored", "barrier-received", "barrier-sent", "alignment-started",
                "channel-blocked", "channel-unblocked", "alignment-completed", "snapshot", "acknowledged",
                "snapshot-write-failed", "checkpoint-complete-notified", "checkpoint-abort-notified", "source-exhausted",
                "end-of-input", "sink-precommitted", "sink-committed", "sink-aborted", "fault-injected");

        Explained crashes = runs.get(0);
        assertThat(crashes.of("job-graph")).singleElement().asString().startsWith("job 'running-sum' runs as 2 chains"
                + " (source x2 and sum->sink x2), 4 tasks in all: ").contains("(sum->sink reads source by hash)");
        assertThat(crashes.of("barrier-received")).anyMatch(s -> s.matches("barrier \\d+ reached sum->sink#\\d on its"
                + " channel from source#\\d first, after \\d+ records on it; sum->sink#\\d stops reading that channel until"
                + " barrier \\d+ arrives on its other inputs \\(from source#\\d\\): this is alignment\\."));
        assertThat(crashes.of("channel-blocked")).allMatch(s -> s.matches("sum->sink#\\d blocks its channel from source#\\d:"
                + " the records behind barrier \\d+ on it belong after the cut, .*"));
        assertThat(crashes.of("task-restored")).anyMatch(s -> s.matches("source#\\d restored checkpoint \\d+ and rewinds"
                + " its source to split-0 at record \\d+, .*"));
        assertThat(crashes.of("coordinator-crashed")).singleElement().asString().startsWith("the checkpoint coordinator"
                + " crashed (planned fault 1 (crash-coordinator: {at-checkpoint: 4, phase: before-notify})): ");
        assertThat(crashes.of("checkpoint-aborted")).anyMatch(s -> s.contains("because a task declined it"));
        assertThat(runs.get(1).of("checkpoint-damaged")).isNotEmpty().allMatch(s -> s.contains("falls back to an older"));
        assertThat(runs.get(2).of("retention-applied")).singleElement().asString()
                .endsWith("RETAIN_ON_CANCELLATION applies: chk-3 is kept, ready for 'run -s'.");
        Explained atLeastOnce = runs.get(3);
        assertThat(atLeastOnce.of("channel-blocked")).as("no alignment in AT_LEAST_ONCE").isEmpty();
        assertThat(atLeastOnce.of("barrier-received")).anyMatch(s -> s.contains("In AT_LEAST_ONCE mode sum->sink#"));
        assertThat(runs.get(4).of("sink-precommitted")).allMatch(s -> s.contains("This sink is the deliberately broken one"));
        assertThat(runs.get(5).of("barrier-received")).anyMatch(s -> s.matches(".* But source#\\d sent \\d+ records before"
                + " this barrier on that channel: the channel lost 512 of them\\. Channels must be reliable and FIFO .*"));
        assertThat(crashes.of("barrier-received")).noneMatch(s -> s.contains(" But "));
        assertThat(runs.get(6).of("stop")).singleElement().asString().matches("stop-with-savepoint: savepoint \\d+"
                + " completed, so the tasks learn of it \\(the sinks commit what it covers\\) and then stop, .*");
    }
}
