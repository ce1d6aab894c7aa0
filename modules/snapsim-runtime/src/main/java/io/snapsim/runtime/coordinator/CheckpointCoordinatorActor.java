package io.snapsim.runtime.coordinator;

import io.snapsim.core.api.ExternalizedCheckpointCleanup;
import io.snapsim.core.checkpoint.CheckpointCoordinatorConfig;
import io.snapsim.core.checkpoint.CheckpointCoordinatorCore;
import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.checkpoint.SubtaskId;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.runtime.coordinator.SelfMessages.StoreLoaded;
import io.snapsim.runtime.coordinator.SelfMessages.StoreStopped;
import io.snapsim.runtime.fault.CoordinatorFault;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.protocol.MasterCoordination.CoordinatorReady;
import io.snapsim.runtime.protocol.MasterCoordination.DescribeCoordinator;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.services.RuntimeServices;
import io.snapsim.runtime.store.CompletedCheckpointStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The checkpoint coordinator: triggers checkpoints on a timer at the sources, collects the
 * acknowledgements, writes {@code _metadata}, records completed checkpoints in the persistent
 * {@link CompletedCheckpointStore}, deletes subsumed ones, and tells every task when a checkpoint
 * completed or was aborted. All decisions are made by the pure {@link CheckpointCoordinatorCore};
 * the coordinator turns them into messages, timers and I/O.
 *
 * <p>Its life is a behaviour per phase: it loads its store (messages other than a diagnosis wait),
 * then runs ({@link Running}) and is suspended ({@link Suspended}) in turn as the job deploys and
 * fails over, until the job ends ({@link Ended}). If its store stops, it tells the master and waits
 * for the job's end ({@link StoreLost}); with checkpointing off, or a store it cannot read, it
 * only answers the master ({@link Idle}). A planned crash stops it in any phase.
 *
 * <p>The job master spawns it, and its store, once per incarnation. Like any actor, it is
 * confined to its own mailbox.
 */
public final class CheckpointCoordinatorActor {

    /** Static facts about one operator, for the metadata file. */
    public record OperatorInfo(String uid, String name, int parallelism, int maxParallelism) {
    }

    /**
     * @param core       timing and retention; null when checkpointing is off
     * @param retention  what happens to retained checkpoints when the job ends
     * @param jobId      the job's id
     * @param storage    the job's checkpoint storage; null when checkpointing is off
     * @param operators  every operator of the job, by uid
     * @param faults     the planned faults this coordinator performs (crashes, damaged checkpoints)
     * @param savepointsDirectory {@code state.savepoints.dir}, or null when it is not configured
     * @param claimedCheckpoint the {@code _metadata} of the checkpoint the job claimed (CLAIM mode), or null
     * @param incarnation which coordinator of the job this is (1, then one more after each crash); named in its ready message
     * @param submittedAfterCheckpoint the id of the checkpoint or savepoint the job was submitted from, 0 if none:
     *                   as in Flink, the job's own checkpoint ids continue after it
     */
    public record Settings(CheckpointCoordinatorConfig core, ExternalizedCheckpointCleanup retention, String jobId,
                           FsCheckpointStorage storage, Map<String, OperatorInfo> operators,
                           List<CoordinatorFault> faults, Path savepointsDirectory,
                           Path claimedCheckpoint, int incarnation, long submittedAfterCheckpoint) {
    }

    /** Messages that wait while the store loads: at most the master's few requests of a starting job. */
    private static final int STASH_CAPACITY = 1_000;

    private CheckpointCoordinatorActor() {
    }

    /**
     * The coordinator of one incarnation. It asks {@code store}, spawned for it by the master, for the
     * completed checkpoints, watches it, and answers {@code master} with {@link CoordinatorReady}.
     */
    public static Behavior<CoordinatorCommand> create(Settings settings, RuntimeServices services,
                                                      ActorRef<CompletedCheckpointStore.Command> store,
                                                      ActorRef<MasterCommand> master) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> Behaviors.withStash(STASH_CAPACITY, stash ->
                new Loading(context, timers, stash, new Start(settings, services, store, master)))));
    }

    /** What the coordinator starts with. */
    private record Start(Settings settings, RuntimeServices services, ActorRef<CompletedCheckpointStore.Command> store,
                         ActorRef<MasterCommand> master) {
    }

    /**
     * The first phase: the store is asked for the completed checkpoints it holds, and the master
     * learns from them (or from the store's death) whether the coordinator is ready.
     */
    private static final class Loading extends AbstractBehavior<CoordinatorCommand> {
        private final TimerScheduler<CoordinatorCommand> timers;
        private final StashBuffer<CoordinatorCommand> stash;
        private final Start start;
        private final StoreLink store;
        /** Who may delete which file of {@code shared/}; null when checkpointing is off. */
        private final SharedStateTracker sharedState;

        Loading(ActorContext<CoordinatorCommand> context, TimerScheduler<CoordinatorCommand> timers,
                StashBuffer<CoordinatorCommand> stash, Start start) {
            super(context);
            this.timers = timers;
            this.stash = stash;
            this.start = start;
            FsCheckpointStorage storage = start.settings().storage();
            this.sharedState = storage == null ? null : new SharedStateTracker(storage.jobDirectory());
            this.store = new StoreLink(context, start.store());
            store.load();
        }

        @Override
        public Receive<CoordinatorCommand> createReceive() {
            return newReceiveBuilder()
                    .onMessage(StoreLoaded.class, this::onStoreLoaded)
                    .onMessage(StoreStopped.class, this::onStoreStopped)
                    .onMessage(DescribeCoordinator.class, this::onDescribe)
                    .onAnyMessage(this::onOther)
                    .build();
        }

        private Behavior<CoordinatorCommand> onStoreLoaded(StoreLoaded loaded) {
            Settings settings = start.settings();
            RecoveredCheckpoints recovered = RecoveredCheckpoints.of(loaded.entries(), settings.submittedAfterCheckpoint());
            if (settings.core() == null) {
                ready(recovered.newestFirst(), null);
                return stash.unstashAll(new Idle(getContext(), "checkpointing off"));
            }
            for (CompletedCheckpoint c : recovered.completed()) {
                sharedState.recovered(c.checkpointId(), Path.of(c.metadataPath()));
            }
            // a crashed coordinator may have left chk-n folders it never recorded: never reuse their ids
            long nextId = recovered.nextCheckpointIdAbove(settings.storage().checkpointIdsOnDisk());
            CheckpointCoordinatorCore core = new CheckpointCoordinatorCore(settings.core(), allOperatorSubtasks(),
                    nextId, recovered.completed());
            TaskRoster<ActorRef<TaskCommand>> roster = new TaskRoster<>();
            Basics basics = new Basics(core, roster, new CoordinatorHistory(start.services(), roster), timers,
                    getContext().getSelf(), start.master());
            CoordinatorParts parts = CoordinatorParts.wire(basics, settings, start.services(), sharedState, store);
            List<CompletedCheckpoint> newestFirst = new ArrayList<>(core.retainedCheckpoints());
            Collections.reverse(newestFirst);
            ready(newestFirst, null);
            return stash.unstashAll(new Suspended(getContext(), parts));
        }

        /** The store stopped before it answered: the master ends the job with the reason. */
        private Behavior<CoordinatorCommand> onStoreStopped(StoreStopped stopped) {
            ready(List.of(), "cannot read the completed-checkpoint store: it stopped before answering (its journal "
                    + "failed to replay, or it crashed; the log names the cause)");
            return stash.unstashAll(new Idle(getContext(), "its completed-checkpoint store could not be read"));
        }

        private Behavior<CoordinatorCommand> onDescribe(DescribeCoordinator describe) {
            describe.replyTo().tell("coordinator: loading its completed-checkpoint store");
            return this;
        }

        /** Anything else waits until the coordinator knows what its store holds. */
        private Behavior<CoordinatorCommand> onOther(CoordinatorCommand message) {
            stash.stash(message);
            return this;
        }

        private void ready(List<CompletedCheckpoint> retainedNewestFirst, String error) {
            start.master().tell(new CoordinatorReady(start.settings().incarnation(), retainedNewestFirst, error));
        }

        private Set<SubtaskId> allOperatorSubtasks() {
            Set<SubtaskId> all = new HashSet<>();
            for (OperatorInfo op : start.settings().operators().values()) {
                for (int i = 0; i < op.parallelism(); i++) {
                    all.add(new SubtaskId(op.uid(), i));
                }
            }
            return all;
        }
    }
}
