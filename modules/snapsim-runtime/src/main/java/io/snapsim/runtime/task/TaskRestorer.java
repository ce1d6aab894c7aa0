package io.snapsim.runtime.task;

import io.snapsim.core.backend.CheckpointableKeyedStateBackend;
import io.snapsim.core.backend.ClaimMode;
import io.snapsim.core.operators.SourceOperator;
import io.snapsim.core.operators.StreamOperator;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.core.storage.SnapshotTree;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.StateReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Restores a set-up chain from the checkpoint (or savepoint) its task was deployed with: each
 * operator's keyed state, in the canonical format or its backend's native one; its external
 * location and operator state; and the positions its sources resume from. Operators the snapshot
 * does not name start empty. Reads only files inside the snapshot's tree. Stateless.
 */
final class TaskRestorer {

    /** What a restore did, as the history's {@code task-restored} event tells it. */
    record Restored(long checkpointId, SortedMap<String, Long> sourcePositions) {
    }

    private TaskRestorer() {
    }

    /**
     * @param storage the job's checkpoint storage (null without checkpointing): a checkpoint of this
     *                very job is claimed, one of another job only read
     */
    static Restored restore(TaskRestore restore, OperatorChain chain, FsCheckpointStorage storage) throws Exception {
        SortedMap<String, Long> positions = new TreeMap<>();
        for (int i = 0; i < chain.size(); i++) {
            TaskRestore.OperatorRestore r = restore.operators().get(chain.uid(i));
            if (r == null) {
                continue;
            }
            CheckpointableKeyedStateBackend backend = chain.backend(i);
            if (backend != null && !r.keyedState().isEmpty()) {
                restoreKeyed(i, chain, r.keyedState(), restore, storage);
            }
            StreamOperator operator = chain.operator(i);
            if (r.operatorState() != null) {
                if (r.externalLocation() != null) {
                    operator.restoreExternalLocation(Path.of(r.externalLocation()));
                }
                operator.restoreOperatorState(StateReader.read(r.operatorState(), restore.snapshot()));
            }
            if (operator instanceof SourceOperator source) {
                source.restorePositions(r.sourcePositions());
                positions.putAll(r.sourcePositions());
            }
        }
        return new Restored(restore.checkpointId(), positions);
    }

    private static void restoreKeyed(int i, OperatorChain chain, List<StateHandle> handles, TaskRestore restore,
                                     FsCheckpointStorage storage) {
        if (handles.get(0) instanceof StateHandle.Native nativeHandle) {
            restoreNative(i, chain, nativeHandle, handles.size(), restore, storage);
            return;
        }
        List<byte[]> snapshots = new ArrayList<>();
        for (StateHandle h : handles) {
            snapshots.add(StateReader.read(h, restore.snapshot()));
        }
        chain.backend(i).restore(snapshots);
    }

    /**
     * Rebuilds operator {@code i}'s keyed state from a snapshot in its backend's native format: files
     * in the checkpoint's folder and the {@code shared/} folder next to it. A checkpoint of this very
     * job is claimed (the next incremental checkpoint reuses its shared files, which this job's
     * coordinator owns); one of another job is only read (its files are never referenced).
     */
    private static void restoreNative(int i, OperatorChain chain, StateHandle.Native handle, int handles,
                                      TaskRestore restore, FsCheckpointStorage storage) {
        CheckpointableKeyedStateBackend backend = chain.backend(i);
        long checkpointId = restore.checkpointId();
        if (!handle.format().equals(backend.nativeFormat())) {
            throw new TaskFailure("checkpoint " + checkpointId + " holds the state of " + chain.id(i)
                    + " in the native format '" + handle.format() + "', which the state backend of this job does not read");
        }
        if (handles != 1) {
            throw new TaskFailure("checkpoint " + checkpointId + " would give " + chain.id(i) + " " + handles
                    + " native snapshots; a checkpoint cannot be rescaled: take a savepoint");
        }
        SnapshotTree snapshot = restore.snapshot();
        Path jobDirectory = snapshot.folder().getParent();
        boolean ownJob = storage != null && jobDirectory.equals(storage.jobDirectory().toAbsolutePath().normalize());
        backend.restoreNative(handle, snapshot, ownJob ? ClaimMode.CLAIM : ClaimMode.NO_CLAIM);
    }
}
