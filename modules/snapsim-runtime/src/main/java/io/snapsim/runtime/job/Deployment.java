package io.snapsim.runtime.job;

import io.snapsim.runtime.fault.ArmedFault;
import io.snapsim.runtime.fault.AttemptFaults;
import io.snapsim.runtime.plan.JobPlan;
import io.snapsim.runtime.protocol.TaskKey;
import io.snapsim.runtime.task.TaskRestore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tasks of one attempt of the job: one per subtask of every vertex of the plan, in plan order
 * (vertex, then subtask), each with which operator input every input channel feeds, the state it
 * restores and the faults it arms. Pure: computed from the plan, the snapshot the attempt starts
 * from and the faults that have not fired yet; the job master spawns one task actor per entry, in
 * this order. Immutable.
 *
 * @param attempt            the attempt's number (0 for the first deployment)
 * @param restoredCheckpoint the id of the snapshot every task restores, or null for a fresh start
 * @param tasks              the tasks, in plan order
 */
record Deployment(int attempt, Long restoredCheckpoint, List<TaskDeployment> tasks) {

    /**
     * One task of the attempt.
     *
     * @param inputOfChannel for every input channel (in channel-index order), which operator input (0 or 1) it feeds
     * @param restore        the state it restores, or null for a fresh start
     * @param faults         the task faults it arms
     */
    record TaskDeployment(TaskKey key, JobPlan.Vertex vertex, List<Integer> inputOfChannel, TaskRestore restore,
                          List<ArmedFault> faults) {
        TaskDeployment {
            inputOfChannel = List.copyOf(inputOfChannel);
            faults = List.copyOf(faults);
        }

        int subtask() {
            return key.subtask();
        }

        /** The actor's name: unique per attempt, so that a redeployed attempt never meets its predecessor's names. */
        String actorName(int attempt) {
            return "a" + attempt + "-v" + key.vertex() + "-" + key.subtask();
        }
    }

    Deployment {
        tasks = List.copyOf(tasks);
    }

    /**
     * The attempt {@code attempt} of {@code plan}, restoring the state of {@code restores} (null:
     * a fresh start) and arming the faults {@code faults} still holds.
     */
    static Deployment of(JobPlan plan, int attempt, Restores restores, AttemptFaults faults) {
        List<TaskDeployment> tasks = new ArrayList<>();
        for (JobPlan.Vertex v : plan.vertices()) {
            for (int s = 0; s < v.parallelism(); s++) {
                List<Integer> inputOf = plan.inputChannels(v.id(), s).stream().map(c -> c.edge().targetInput()).toList();
                tasks.add(new TaskDeployment(new TaskKey(v.id(), s), v, inputOf,
                        restores == null ? null : restores.forTask(v, s), faults.forTask(v.chain(), s)));
            }
        }
        return new Deployment(attempt, restores == null ? null : restores.checkpointId(), tasks);
    }

    /** The tasks that run a source: the coordinator triggers checkpoints there. */
    Set<TaskKey> sources() {
        Set<TaskKey> sources = new HashSet<>();
        for (TaskDeployment t : tasks) {
            if (t.vertex().isSource()) {
                sources.add(t.key());
            }
        }
        return Collections.unmodifiableSet(sources);
    }
}
