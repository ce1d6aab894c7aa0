package io.snapsim.runtime.task;

import io.snapsim.core.backend.KeyedSnapshot;
import io.snapsim.core.backend.SnapshotTarget;
import io.snapsim.core.checkpoint.SubtaskCheckpointMetrics;
import io.snapsim.core.checkpoint.SubtaskId;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import io.snapsim.core.time.Clock;
import io.snapsim.runtime.protocol.TaskCommand;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The asynchronous part of one task's snapshot: what the synchronous part took of each operator of
 * the chain (its keyed snapshot, operator state, source positions), written into the checkpoint's
 * folder, or a savepoint's, on the I/O executor while the task goes on. Holds no reference to live
 * state, so {@link #run} may run on any thread; it is run once.
 *
 * @param storage      the job's checkpoint storage
 * @param checkpointId the checkpoint (or savepoint) being written
 * @param kind         checkpoint or savepoint
 * @param savepointDir the savepoint's folder, or null for a checkpoint
 * @param operators    what each operator of the chain contributes, head first
 * @param failure      what the write fails with instead (a planned storage failure), or null
 * @param clock        the job's clock, for the asynchronous duration
 * @param sync         the figures of the synchronous part
 */
record SnapshotWrite(FsCheckpointStorage storage, long checkpointId, SnapshotKind kind, String savepointDir,
                     List<OperatorPart> operators, UncheckedIOException failure, Clock clock, SyncFigures sync) {

    /** What one operator's snapshot holds until it is written. */
    record OperatorPart(SubtaskId id, int subtask, KeyGroupRange keyGroups, KeyedSnapshot keyed, byte[] operatorState,
                        Map<String, Long> sourcePositions, Path externalLocation) {
    }

    /** The figures of the synchronous part, which the acknowledgement carries. */
    record SyncFigures(long alignmentMillis, long startDelayMillis, long syncMillis) {
    }

    /**
     * The asynchronous part of a snapshot ended: per operator its state ({@code keyedHandles[i]} is
     * operator i's keyed state, if any) and the figures, or the failure.
     */
    record Written(long checkpointId, Map<SubtaskId, SubtaskStateSnapshot> states, SubtaskCheckpointMetrics metrics,
                   StateHandle[] keyedHandles, Throwable failure) implements TaskCommand.Internal {

        static Written failed(long checkpointId, Throwable failure) {
            return new Written(checkpointId, Map.of(), null, null, failure);
        }
    }

    /**
     * Writes every operator's part. On a failure, the parts not written yet are discarded (the
     * failing one discarded its own local files) and the failure is thrown.
     */
    Written run() {
        long asyncStart = clock.nanos();
        if (failure != null) {
            operators.forEach(part -> discard(part.keyed()));
            throw failure;
        }
        // a savepoint is self-contained and relocatable: its state goes into its own folder, relative
        Path dir = savepointDir != null ? Path.of(savepointDir) : storage.checkpointDirectory(checkpointId);
        Map<SubtaskId, SubtaskStateSnapshot> states = new LinkedHashMap<>();
        StateHandle[] keyedHandles = new StateHandle[operators.size()];
        long size = 0;
        for (int i = 0; i < operators.size(); i++) {
            OperatorPart part = operators.get(i);
            SnapshotTarget target = new SnapshotTarget(storage, checkpointId, kind, dir,
                    part.id().operatorId() + "-" + part.subtask());
            SubtaskStateSnapshot state;
            try {
                keyedHandles[i] = part.keyed() == null ? null : part.keyed().write(target);
                StateHandle operatorState = part.operatorState() == null ? null
                        : target.writeState("operator", part.operatorState());
                state = new SubtaskStateSnapshot(part.subtask(), part.keyGroups(), keyedHandles[i], operatorState,
                        part.sourcePositions(), part.externalLocation() == null ? null : part.externalLocation().toString());
            } catch (RuntimeException e) {
                operators.subList(i + 1, operators.size()).forEach(later -> discard(later.keyed()));
                throw e;
            }
            size += state.checkpointedSize();
            states.put(part.id(), state);
        }
        long asyncMs = (clock.nanos() - asyncStart) / 1_000_000;
        SubtaskCheckpointMetrics metrics = new SubtaskCheckpointMetrics(sync.alignmentMillis(), sync.startDelayMillis(),
                sync.syncMillis(), asyncMs, size);
        return new Written(checkpointId, states, metrics, keyedHandles, null);
    }

    private static void discard(KeyedSnapshot keyed) {
        if (keyed != null) {
            keyed.discard();
        }
    }
}
