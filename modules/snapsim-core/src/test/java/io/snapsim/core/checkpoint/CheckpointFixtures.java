package io.snapsim.core.checkpoint;

import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shared test data: a three-subtask job, states of a chosen size, and coordinator shortcuts. */
final class CheckpointFixtures {
    static final SubtaskId SOURCE_0 = new SubtaskId("source", 0);
    static final SubtaskId MAP_0 = new SubtaskId("map", 0);
    static final SubtaskId MAP_1 = new SubtaskId("map", 1);
    static final SubtaskId STRANGER = new SubtaskId("sink", 7);
    static final Set<SubtaskId> TASKS = Set.of(SOURCE_0, MAP_0, MAP_1);
    static final List<SubtaskId> TASK_LIST = List.of(SOURCE_0, MAP_0, MAP_1);

    private CheckpointFixtures() {
    }

    /** A subtask state holding {@code bytes} bytes of keyed state. */
    static SubtaskStateSnapshot state(SubtaskId subtask, int bytes) {
        return new SubtaskStateSnapshot(subtask.subtaskIndex(), KeyGroupRange.EMPTY,
                new StateHandle.Inline(new byte[bytes]), null, Map.of());
    }

    static SubtaskCheckpointMetrics metrics(long alignment, long startDelay, long sync, long async, long size) {
        return new SubtaskCheckpointMetrics(alignment, startDelay, sync, async, size);
    }

    /** interval 100 ms with the given timeout, min pause, max concurrent, tolerable failures and retained count. */
    static CheckpointCoordinatorConfig config(long timeout, long minPause, int maxConcurrent, int tolerable, int numRetained) {
        return new CheckpointCoordinatorConfig(100, timeout, minPause, maxConcurrent, tolerable, numRetained);
    }

    static CheckpointCoordinatorCore coordinator(CheckpointCoordinatorConfig config) {
        return new CheckpointCoordinatorCore(config, TASKS, 1, List.of());
    }

    static PendingCheckpoint trigger(CheckpointCoordinatorCore core, long now, TriggerKind kind) {
        TriggerDecision decision = core.tryTrigger(now, kind);
        if (!(decision instanceof TriggerDecision.Triggered triggered)) {
            throw new AssertionError("expected a trigger at " + now + ", got " + decision);
        }
        return triggered.checkpoint();
    }

    static PendingCheckpoint trigger(CheckpointCoordinatorCore core, long now) {
        return trigger(core, now, TriggerKind.PERIODIC);
    }

    /** Every subtask acknowledges with 10 bytes of state at {@code now}; returns the last outcome. */
    static AckOutcome ackAll(CheckpointCoordinatorCore core, long checkpointId, long now) {
        AckOutcome last = null;
        for (SubtaskId subtask : TASK_LIST) {
            last = core.acknowledge(checkpointId, subtask, state(subtask, 10), SubtaskCheckpointMetrics.NONE, now);
        }
        return last;
    }

    static CompletionOutcome complete(CheckpointCoordinatorCore core, long checkpointId, long now) {
        return core.complete(checkpointId, "/chk/chk-" + checkpointId + "/_metadata", now)
                .orElseThrow(() -> new AssertionError("checkpoint " + checkpointId + " did not complete"));
    }

    /** Triggers, acknowledges and completes one checkpoint of the given kind at {@code now}. */
    static CompletionOutcome runToCompletion(CheckpointCoordinatorCore core, long now, TriggerKind kind) {
        PendingCheckpoint checkpoint = trigger(core, now, kind);
        ackAll(core, checkpoint.checkpointId(), now);
        return complete(core, checkpoint.checkpointId(), now);
    }

    static CompletionOutcome runToCompletion(CheckpointCoordinatorCore core, long now) {
        return runToCompletion(core, now, TriggerKind.PERIODIC);
    }

    static CompletedCheckpoint recovered(long id) {
        return new CompletedCheckpoint(id, id * 100, id * 100 + 10, "/chk/chk-" + id + "/_metadata", 30, TriggerKind.PERIODIC);
    }
}
