package io.snapsim.core.sim;

import java.util.Objects;

/**
 * The fault catalogue beyond a single crash, as values. Every fault fires at most once per run. Times
 * are milliseconds of the job's clock since the job started (virtual time in deterministic runs).
 * What snapsim does with each record (reading, drawing, describing, shrinking, arming) lives in
 * its {@link FaultType}, named by {@link FaultSpec#faultType()}.
 */
public final class Faults {
    private Faults() {
    }

    /** Where in a subtask's part of checkpoint n a crash happens. */
    public enum CheckpointPhase {
        /** When the barrier is complete, before the snapshot is taken. */
        BEFORE_SNAPSHOT,
        /** After the synchronous snapshot, before its state is written. */
        AFTER_SNAPSHOT,
        /** After the subtask acknowledged checkpoint n to the coordinator. */
        AFTER_ACK
    }

    /** Where in the coordinator's completion of checkpoint n it crashes. */
    public enum CoordinatorPhase {
        /** {@code _metadata} is written, the checkpoint is not yet recorded in the store. */
        AFTER_METADATA,
        /** The checkpoint is recorded as completed; the completion notice has not reached the tasks (sinks do not commit). */
        BEFORE_NOTIFY
    }

    /**
     * Every subtask of an operator crashes: at its {@code atRecord}-th record, when snapshotting
     * checkpoint {@code atCheckpoint}, or at time {@code atTime}. Exactly one is set.
     */
    public record CrashOperator(String operator, Long atRecord, Long atCheckpoint, Long atTime) implements FaultSpec {
        public static final String TYPE = "crash-operator";

        public CrashOperator {
            Objects.requireNonNull(operator, "operator");
            exactlyOne(atRecord, atCheckpoint, atTime);
        }

        @Override
        public FaultType<CrashOperator> faultType() {
            return CrashOperatorType.INSTANCE;
        }
    }

    /**
     * A "task manager" (a group of subtasks placed together) is lost: subtasks are placed
     * round-robin over {@code taskManagers} groups in deployment order, and every subtask of group
     * {@code taskManager} crashes at time {@code atTime} or when checkpoint {@code atCheckpoint} is triggered.
     */
    public record CrashTaskManager(int taskManager, int taskManagers, Long atTime, Long atCheckpoint) implements FaultSpec {
        public static final String TYPE = "crash-task-manager";

        public CrashTaskManager {
            if (taskManagers < 1 || taskManager < 0 || taskManager >= taskManagers) {
                throw new IllegalArgumentException("task-manager must be in [0, task-managers)");
            }
            exactlyOne(atTime, atCheckpoint);
        }

        @Override
        public FaultType<CrashTaskManager> faultType() {
            return CrashTaskManagerType.INSTANCE;
        }
    }

    /**
     * A crash of one subtask at a checkpoint phase other than before the snapshot, or at a time.
     * (Before-snapshot and at-record crashes are {@link CrashFault}.)
     */
    public record CrashAt(String operator, int subtask, Long atCheckpoint, CheckpointPhase phase, Long atTime)
            implements FaultSpec {
        public static final String TYPE = "crash-at";

        public CrashAt {
            Objects.requireNonNull(operator, "operator");
            if (atCheckpoint != null) {
                Objects.requireNonNull(phase, "phase");
            }
            exactlyOne(atCheckpoint, atTime);
        }

        @Override
        public FaultType<CrashAt> faultType() {
            return CrashAtType.INSTANCE;
        }
    }

    /** The checkpoint coordinator (the job manager) crashes while completing checkpoint {@code atCheckpoint}. */
    public record CrashCoordinator(long atCheckpoint, CoordinatorPhase phase) implements FaultSpec {
        public static final String TYPE = "crash-coordinator";

        public CrashCoordinator {
            Objects.requireNonNull(phase, "phase");
            if (atCheckpoint < 1) {
                throw new IllegalArgumentException("at-checkpoint must be at least 1");
            }
        }

        @Override
        public FaultType<CrashCoordinator> faultType() {
            return CrashCoordinatorType.INSTANCE;
        }
    }

    /** What goes wrong with checkpoint storage. */
    public enum StorageKind {
        /** Writing a subtask's state for the checkpoint fails: the subtask declines it. */
        FAIL_WRITE,
        /** Writing a subtask's state takes {@code delay} ms longer: the checkpoint may expire. */
        SLOW_WRITE,
        /** After the checkpoint completes, one of its state files is corrupted. */
        CORRUPT_DATA,
        /** After the checkpoint completes, one of its state files is deleted. */
        DELETE_DATA,
        /** After the checkpoint completes, its {@code _metadata} is corrupted. */
        CORRUPT_METADATA,
        /** After the checkpoint completes, its {@code _metadata} is deleted. */
        DELETE_METADATA;

        /** True for the kinds that damage a completed checkpoint (rather than fail or slow a write). */
        public boolean damagesCheckpoint() {
            return this != FAIL_WRITE && this != SLOW_WRITE;
        }
    }

    /**
     * A checkpoint-storage fault on checkpoint {@code atCheckpoint}, aimed at the state of one
     * operator's subtasks. For the write faults, every targeted subtask's state write of the
     * checkpoint fails or takes {@code delay} ms longer. The damage faults damage the state file of
     * the first targeted subtask whose state has a file of its own (its {@code _metadata} when all of
     * the checkpoint's state is inline). A damaged completed checkpoint is detected on restore, which
     * falls back to the newest intact retained checkpoint.
     *
     * @param operator the operator whose state is hit, or null for every operator
     * @param subtask  the subtask of that operator, or null for every subtask (needs an operator)
     * @param delay    SLOW_WRITE: the extra time of the write in ms; null otherwise
     */
    public record StorageFault(StorageKind kind, long atCheckpoint, String operator, Integer subtask, Long delay)
            implements FaultSpec {
        public static final String TYPE = "storage";

        public StorageFault {
            Objects.requireNonNull(kind, "kind");
            if (atCheckpoint < 1) {
                throw new IllegalArgumentException("at-checkpoint must be at least 1");
            }
            if (kind == StorageKind.SLOW_WRITE && (delay == null || delay < 1)) {
                throw new IllegalArgumentException("a slow write needs a delay of at least 1 ms");
            }
            if (subtask != null && (operator == null || subtask < 0)) {
                throw new IllegalArgumentException("a subtask needs an operator and must not be negative");
            }
        }

        /** A storage fault on every subtask of {@code operator} (or of every operator when null). */
        public StorageFault(StorageKind kind, long atCheckpoint, String operator, Long delay) {
            this(kind, atCheckpoint, operator, null, delay);
        }

        /** True for the faults that damage a completed checkpoint (rather than fail or slow a write). */
        public boolean damagesCheckpoint() {
            return kind.damagesCheckpoint();
        }

        @Override
        public FaultType<StorageFault> faultType() {
            return StorageFaultType.INSTANCE;
        }
    }

    /** What goes wrong on a channel. DROP and REORDER break Chandy-Lamport's assumption of FIFO, reliable channels. */
    public enum NetworkKind {
        /** Every batch on the channels from {@code from} to {@code to} is delivered {@code delay} ms late. */
        DELAY,
        /** The channels from {@code from} to {@code to} deliver nothing for {@code delay} ms (backpressure stretches alignment). */
        STALL,
        /** MODEL-BREAKING: one batch on a channel from {@code from} to {@code to} is lost. */
        DROP,
        /** MODEL-BREAKING: a batch on a channel from {@code from} to {@code to} overtakes the one before it. */
        REORDER;

        /** True for DROP and REORDER, which break the model's FIFO, reliable channels. */
        public boolean breaksModel() {
            return this == DROP || this == REORDER;
        }

        /** True for DELAY and STALL, which last {@code delay} ms. */
        public boolean takesDelay() {
            return this == DELAY || this == STALL;
        }
    }

    /** A network fault on the channels between two operators, starting at time {@code atTime}. */
    public record NetworkFault(NetworkKind kind, String from, String to, long atTime, Long delay) implements FaultSpec {
        public static final String TYPE = "network";

        public NetworkFault {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (atTime < 0) {
                throw new IllegalArgumentException("at-time must not be negative");
            }
            if (kind.takesDelay() && (delay == null || delay < 1)) {
                throw new IllegalArgumentException(kind.name().toLowerCase() + " needs a delay of at least 1 ms");
            }
        }

        /** True for faults that break the model's assumptions; a run with them is expected to diverge. */
        public boolean breaksModel() {
            return kind.breaksModel();
        }

        @Override
        public FaultType<NetworkFault> faultType() {
            return NetworkFaultType.INSTANCE;
        }
    }

    /** The sink subtask's commit for checkpoint {@code atCheckpoint} fails once; commit must be retried and stay idempotent. */
    public record SinkCommitFails(String operator, int subtask, long atCheckpoint) implements FaultSpec {
        public static final String TYPE = "sink-commit-fails";

        public SinkCommitFails {
            Objects.requireNonNull(operator, "operator");
            if (atCheckpoint < 1 || subtask < 0) {
                throw new IllegalArgumentException("at-checkpoint must be >= 1 and subtask >= 0");
            }
        }

        @Override
        public FaultType<SinkCommitFails> faultType() {
            return SinkCommitFailsType.INSTANCE;
        }
    }

    /**
     * Not a fault but a planned operator action: the job is cancelled after {@code afterCheckpoints}
     * completed checkpoints or at time {@code atTime}, and the externalized-checkpoint retention
     * decides what stays on disk.
     */
    public record Cancel(Long afterCheckpoints, Long atTime) implements FaultSpec {
        public static final String TYPE = "cancel";

        public Cancel {
            exactlyOne(afterCheckpoints, atTime);
        }

        @Override
        public FaultType<Cancel> faultType() {
            return CancelType.INSTANCE;
        }
    }

    /**
     * Not a fault but a planned operator action: a savepoint is taken after {@code afterCheckpoints}
     * completed checkpoints or at time {@code atTime} into {@code state.savepoints.dir}; with
     * {@code stop} the job stops once it completed (stop-with-savepoint).
     */
    public record Savepoint(Long afterCheckpoints, Long atTime, boolean stop) implements FaultSpec {
        public static final String TYPE = "savepoint";

        public Savepoint {
            exactlyOne(afterCheckpoints, atTime);
        }

        @Override
        public FaultType<Savepoint> faultType() {
            return SavepointType.INSTANCE;
        }
    }

    private static void exactlyOne(Long... values) {
        int set = 0;
        for (Long v : values) {
            if (v != null) {
                if (v < 0) {
                    throw new IllegalArgumentException("fault positions must not be negative: " + v);
                }
                set++;
            }
        }
        if (set != 1) {
            throw new IllegalArgumentException("exactly one position (at-record, at-checkpoint or at-time) must be set");
        }
    }
}
