package io.snapsim.runtime.task;

import io.snapsim.core.api.CheckpointingMode;
import io.snapsim.core.config.StateBackendType;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.runtime.fault.ArmedFault;
import io.snapsim.runtime.fault.ChannelFault;
import io.snapsim.runtime.plan.JobPlan;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.services.RuntimeServices;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Everything a task actor needs at creation.
 *
 * @param plan               the job's physical plan
 * @param attempt            execution attempt, tagged on every message to the master and coordinator
 * @param vertex             the chain this task runs
 * @param subtask            the subtask index
 * @param inputOfChannel     for every input channel, which operator input (0 or 1) it feeds
 * @param checkpointing      whether periodic checkpointing is on
 * @param mode               exactly-once (aligned) or at-least-once
 * @param batchSize          records per network batch
 * @param credits            batches a sender may have in flight per channel
 * @param storage            where to write state files; null when checkpointing is off
 * @param restore            state to restore, or null for a fresh start
 * @param faults             the planned faults of this task's subtask and chain that have not fired yet
 * @param channelFaults      the planned network faults of the job (the task picks those on its output channels)
 * @param stateBackend       where keyed state lives (hashmap or rocksdb): the factory that creates the backends
 * @param incrementalCheckpoints whether native checkpoints are incremental (otherwise full copies)
 * @param jobId              the job's id, which names the backends' local folders
 * @param services           clock, I/O executor and history
 * @param coordinator        where acknowledgements and declines go
 * @param master             where the task reports how it ended
 */
public record TaskSpec(
        JobPlan plan,
        int attempt,
        JobPlan.Vertex vertex,
        int subtask,
        int[] inputOfChannel,
        boolean checkpointing,
        CheckpointingMode mode,
        int batchSize,
        int credits,
        FsCheckpointStorage storage,
        TaskRestore restore,
        List<ArmedFault> faults,
        List<ChannelFault> channelFaults,
        StateBackendType stateBackend,
        boolean incrementalCheckpoints,
        String jobId,
        RuntimeServices services,
        ActorRef<CoordinatorCommand> coordinator,
        ActorRef<MasterCommand> master) {

    public int numberOfInputChannels() {
        return inputOfChannel.length;
    }
}
