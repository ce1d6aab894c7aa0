package io.snapsim.core.barrier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The consistency property of the snapshot: over random interleavings of per-channel scripts, every
 * checkpoint triggers, in order, and holds exactly (aligned) or at least (at-least-once) the records
 * before its barrier on every channel.
 */
class SnapshotConsistencyPropertiesTest {

    @Property(tries = 500)
    void alignedSnapshotsHoldExactlyTheRecordsBeforeTheirBarrier(@ForAll("scenarios") Scenario scenario) {
        ScriptedTask task = scenario.run(ScriptedTask.aligned(scenario.channels()));

        assertThat(task.triggered()).containsExactlyElementsOf(scenario.checkpointIds());
        assertThat(task.aborted()).isEmpty();
        for (long checkpointId : scenario.checkpointIds()) {
            assertThat(task.processedAtTrigger(checkpointId))
                    .as("records processed when checkpoint %d triggered", checkpointId)
                    .isEqualTo(scenario.recordsBefore(checkpointId));
        }
        assertEverythingWasProcessed(task, scenario);
    }

    @Property(tries = 500)
    void atLeastOnceSnapshotsHoldEveryRecordBeforeTheirBarrier(@ForAll("scenarios") Scenario scenario) {
        ScriptedTask task = scenario.run(ScriptedTask.atLeastOnce(scenario.channels()));

        assertThat(task.triggered()).containsExactlyElementsOf(scenario.checkpointIds());
        assertThat(task.aborted()).isEmpty();
        for (long checkpointId : scenario.checkpointIds()) {
            List<List<Integer>> processed = task.processedAtTrigger(checkpointId);
            List<List<Integer>> required = scenario.recordsBefore(checkpointId);
            for (int channel = 0; channel < scenario.channels(); channel++) {
                List<Integer> seen = processed.get(channel);
                List<Integer> needed = required.get(channel);
                assertThat(seen.subList(0, Math.min(seen.size(), needed.size())))
                        .as("records of channel %d processed when checkpoint %d triggered: %s", channel,
                                checkpointId, seen)
                        .isEqualTo(needed);
            }
        }
        assertEverythingWasProcessed(task, scenario);
    }

    private static void assertEverythingWasProcessed(ScriptedTask task, Scenario scenario) {
        assertThat(task.blocked()).isEmpty();
        assertThat(task.queuedElements()).isZero();
        assertThat(task.processed()).isEqualTo(scenario.allRecords());
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.integers().between(1, 4).flatMap(channels ->
                Arbitraries.integers().between(1, 4).flatMap(checkpoints ->
                        Arbitraries.integers().between(0, 3).list().ofSize(channels * (checkpoints + 1))
                                .flatMap(recordCounts -> {
                                    List<List<Element>> scripts = scripts(channels, checkpoints, recordCounts);
                                    int length = scripts.stream().mapToInt(List::size).sum();
                                    return Arbitraries.integers().between(0, 11).list().ofSize(length)
                                            .map(picks -> new Scenario(channels, checkpoints, scripts, picks));
                                })));
    }

    /**
     * Channel {@code c}'s script: {@code recordCounts[c * (k + 1) + i]} records, then barrier
     * {@code i + 1}, for {@code i} in {@code 0 .. k - 1}, then the last run of records.
     */
    private static List<List<Element>> scripts(int channels, int checkpoints, List<Integer> recordCounts) {
        List<List<Element>> scripts = new ArrayList<>();
        for (int channel = 0; channel < channels; channel++) {
            List<Element> script = new ArrayList<>();
            int seq = 0;
            for (int segment = 0; segment <= checkpoints; segment++) {
                int records = recordCounts.get(channel * (checkpoints + 1) + segment);
                for (int r = 0; r < records; r++) {
                    script.add(Element.d(channel, ++seq));
                }
                if (segment < checkpoints) {
                    script.add(Element.barrier(channel, segment + 1));
                }
            }
            scripts.add(List.copyOf(script));
        }
        return List.copyOf(scripts);
    }

    /**
     * Per-channel scripts and the interleaving that delivers them: at each step, {@code picks[i]}
     * modulo the number of channels with elements left chooses the channel whose next element arrives.
     */
    record Scenario(int channels, int checkpoints, List<List<Element>> scripts, List<Integer> picks) {

        ScriptedTask run(ScriptedTask task) {
            int[] next = new int[channels];
            for (int pick : picks) {
                List<Integer> remaining = IntStream.range(0, channels)
                        .filter(channel -> next[channel] < scripts.get(channel).size())
                        .boxed().collect(Collectors.toList());
                int channel = remaining.get(pick % remaining.size());
                task.feed(scripts.get(channel).get(next[channel]++));
            }
            return task;
        }

        List<Long> checkpointIds() {
            return LongStream.rangeClosed(1, checkpoints).boxed().collect(Collectors.toList());
        }

        /** Per channel, the sequence numbers of the records ahead of barrier {@code checkpointId}. */
        List<List<Integer>> recordsBefore(long checkpointId) {
            List<List<Integer>> before = new ArrayList<>();
            for (List<Element> script : scripts) {
                List<Integer> records = new ArrayList<>();
                for (Element element : script) {
                    if (element instanceof Element.Barrier barrier && barrier.checkpointId() == checkpointId) {
                        break;
                    }
                    if (element instanceof Element.Data data) {
                        records.add(data.seq());
                    }
                }
                before.add(List.copyOf(records));
            }
            return before;
        }

        List<List<Integer>> allRecords() {
            return recordsBefore(Long.MAX_VALUE);
        }

        @Override
        public String toString() {
            return "Scenario[scripts=" + scripts + ", picks=" + picks + "]";
        }
    }
}
