package io.snapsim.core.sim;

import io.snapsim.core.sim.Faults.CheckpointPhase;
import io.snapsim.core.sim.Faults.CoordinatorPhase;
import io.snapsim.core.sim.Faults.StorageKind;
import java.util.List;
import java.util.Objects;

/**
 * Where a planned fault is armed: the runtime's view of the job the faults name, and what it can
 * be told to inject. A {@link FaultType} arms a fault by checking the operators and subtasks it
 * names and calling the methods below, once per thing the runtime must do; the runtime implements
 * this interface once, at its seam (one instance per fault of the plan, so that every injection is
 * reported under the fault's index). A new fault type that composes these actions touches no
 * runtime code; one that needs a new action adds a method here and its implementation there.
 *
 * <p>Implementations are confined to the thread arming the plan. The checks throw the runtime's
 * invalid-input exception, naming the fault's key.
 */
public interface FaultTargets {

    /** An operator of the job and how many subtasks it has. */
    record Operator(String uid, int parallelism) {
        public Operator {
            Objects.requireNonNull(uid, "uid");
        }
    }

    /**
     * When a subtask crashes: at its {@code atRecord}-th record, at checkpoint {@code atCheckpoint}
     * in {@code phase}, or at time {@code atTime} of the job's clock. The fault that asks for the
     * crash guarantees that exactly one is set; {@code phase} matters only with a checkpoint.
     */
    record CrashPoint(Long atRecord, Long atCheckpoint, CheckpointPhase phase, Long atTime) {
        public CrashPoint {
            Objects.requireNonNull(phase, "phase");
        }
    }

    // ------------------------------------------------------------------ the job, as faults name it

    /** Every operator of the job in deployment order, the order its subtasks are placed on task managers. */
    List<Operator> operators();

    /**
     * The parallelism of {@code operator}, which must exist.
     *
     * @param key the fault's key that names the operator ({@code from}, {@code operator}), or null
     *            when the fault as a whole names it
     */
    int parallelismOf(String operator, String key);

    /** Checks that {@code operator} (the fault's {@code operator}) has the fault's {@code subtask}. */
    void requireSubtask(String operator, int subtask);

    // ------------------------------------------------------------------ what to inject

    /** The subtask throws at {@code at}. */
    void crashTask(String operator, int subtask, CrashPoint at);

    /** The subtask's state write for checkpoint {@code atCheckpoint} fails: it declines the checkpoint. */
    void failWrite(String operator, int subtask, long atCheckpoint);

    /** The subtask's state write for checkpoint {@code atCheckpoint} takes {@code delay} ms longer. */
    void slowWrite(String operator, int subtask, long atCheckpoint, long delay);

    /** The sink subtask's commit of checkpoint {@code atCheckpoint} fails once. */
    void failCommit(String operator, int subtask, long atCheckpoint);

    /** The channels between two operators misbehave as {@code fault} says. */
    void disturbChannels(Faults.NetworkFault fault);

    /** The checkpoint coordinator crashes in {@code phase} of completing checkpoint {@code atCheckpoint}. */
    void crashCoordinator(CoordinatorPhase phase, long atCheckpoint);

    /**
     * Completed checkpoint {@code atCheckpoint} is damaged as {@code kind} says, in the state of
     * {@code operator}'s {@code subtask} (either may be null: any).
     */
    void damageCheckpoint(StorageKind kind, long atCheckpoint, String operator, Integer subtask);

    /** The job is cancelled as planned. */
    void cancel(Faults.Cancel cancel);

    /** A savepoint is taken as planned. */
    void savepoint(Faults.Savepoint savepoint);
}
