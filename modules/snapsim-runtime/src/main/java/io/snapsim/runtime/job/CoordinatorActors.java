package io.snapsim.runtime.job;

import io.snapsim.core.config.RecoveryClaimMode;
import io.snapsim.core.graph.JobGraph.ResolvedNode;
import io.snapsim.core.job.RestoredSnapshot;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.runtime.coordinator.CheckpointCoordinatorActor;
import io.snapsim.runtime.fault.CoordinatorFault;
import io.snapsim.runtime.plan.JobPlan;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.services.RuntimeServices;
import io.snapsim.runtime.store.CompletedCheckpointStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The job's checkpoint coordinator and its completed-checkpoint store. One incarnation of each runs
 * at a time: a crashed coordinator is replaced by the next, with a new store that recovers the
 * completed checkpoints from the journal (which outlives the crash). Each incarnation's actors carry
 * its number in their names; the first also claims the checkpoint the job starts from, in CLAIM mode.
 *
 * <p>Not thread-safe: confined to the job master.
 */
final class CoordinatorActors {
    private final ActorContext<MasterCommand> context;
    private final JobPlan plan;
    private final JobRunSettings settings;
    private final RuntimeServices services;
    private final FsCheckpointStorage storage;
    private ActorRef<CoordinatorCommand> coordinator;
    private ActorRef<CompletedCheckpointStore.Command> store;

    /** @param storage the job's checkpoint storage; null when checkpointing is off */
    CoordinatorActors(ActorContext<MasterCommand> context, JobPlan plan, JobRunSettings settings, RuntimeServices services,
                      FsCheckpointStorage storage) {
        this.context = context;
        this.plan = plan;
        this.settings = settings;
        this.services = services;
        this.storage = storage;
    }

    /** Spawns incarnation {@code incarnation} of the store and the coordinator, which performs {@code faults}. */
    void start(int incarnation, List<CoordinatorFault> faults) {
        store = context.spawn(CompletedCheckpointStore.create(settings.jobId()), "completed-checkpoints-" + incarnation);
        coordinator = context.spawn(CheckpointCoordinatorActor.create(coordinatorSettings(incarnation, faults), services,
                store, context.getSelf()), "checkpoint-coordinator-" + incarnation);
    }

    /** Stops the running incarnation (it crashed). */
    void stop() {
        context.stop(coordinator);
        context.stop(store);
    }

    /** The running coordinator; null before the first starts. */
    ActorRef<CoordinatorCommand> coordinator() {
        return coordinator;
    }

    private CheckpointCoordinatorActor.Settings coordinatorSettings(int incarnation, List<CoordinatorFault> faults) {
        Map<String, CheckpointCoordinatorActor.OperatorInfo> operators = new TreeMap<>();
        for (ResolvedNode n : plan.graph().nodes()) {
            operators.put(n.uid(), new CheckpointCoordinatorActor.OperatorInfo(n.uid(), n.name(), n.parallelism(),
                    n.maxParallelism()));
        }
        RestoredSnapshot restored = settings.restoredFrom();
        return new CheckpointCoordinatorActor.Settings(settings.coordinatorConfig(), settings.retention(),
                settings.jobId(), storage, operators, faults, settings.savepointsDirectory(),
                claimedCheckpoint(incarnation), incarnation, restored == null ? 0 : restored.checkpointId());
    }

    /** In CLAIM mode, the retained checkpoint the job starts from (never a savepoint: those belong to the user). */
    private Path claimedCheckpoint(int incarnation) {
        RestoredSnapshot restored = settings.restoredFrom(); // null also when unreadable: the restore reports that
        boolean claimed = settings.claimMode() == RecoveryClaimMode.CLAIM && restored != null
                && restored.kind() == SnapshotKind.CHECKPOINT && incarnation == 1;
        return claimed ? settings.recoveryPath() : null;
    }
}
