package io.snapsim.core.sim;

import io.snapsim.core.sim.FaultPlans.PlanContext;
import io.snapsim.core.sim.Faults.CheckpointPhase;
import io.snapsim.core.sim.Faults.CrashTaskManager;
import io.snapsim.core.sim.Shrinker.Position;
import java.util.List;

/**
 * {@code crash-task-manager}: a group of subtasks placed together is lost. Subtasks are placed
 * round-robin over the task managers, operator by operator in deployment order.
 */
final class CrashTaskManagerType extends FaultType<CrashTaskManager> {

    static final CrashTaskManagerType INSTANCE = new CrashTaskManagerType();

    private static final List<String> KEYS = List.of("task-manager", "task-managers", "at-time", "at-checkpoint");

    /** The fewest and most task managers a drawn crash spreads the subtasks over. */
    private static final int MIN_TASK_MANAGERS = 2;
    private static final int MAX_TASK_MANAGERS = 4;

    private CrashTaskManagerType() {
        super(CrashTaskManager.TYPE, CrashTaskManager.class);
    }

    @Override
    CrashTaskManager read(FaultReading body) {
        FaultReading.Fields fields = body.fields(KEYS, "a mapping such as {task-manager: 1, task-managers: 2, at-time: 100}");
        SpecNode countNode = fields.required("task-managers");
        int taskManagers = countNode.intValue();
        if (taskManagers < 1) {
            throw countNode.error("must be at least 1, got " + taskManagers);
        }
        SpecNode indexNode = fields.required("task-manager");
        int taskManager = indexNode.intValue();
        if (taskManager < 0) {
            throw indexNode.error("must not be negative, got " + taskManager);
        }
        if (taskManager >= taskManagers) {
            throw indexNode.error("task manager " + taskManager + " does not exist among " + taskManagers
                    + " (task managers are 0.." + (taskManagers - 1) + ")");
        }
        SpecNode timeNode = fields.get("at-time");
        SpecNode checkpointNode = fields.get("at-checkpoint");
        body.requireExactlyOne(timeNode, checkpointNode);
        return new CrashTaskManager(taskManager, taskManagers,
                timeNode.isAbsent() ? null : FaultReading.millis(timeNode),
                checkpointNode.isAbsent() ? null : body.checkpointId(checkpointNode));
    }

    @Override
    List<DrawnKind> drawnKinds() {
        return List.of(kind(Group.DEFAULT));
    }

    @Override
    boolean canPlace(PlanContext ctx) {
        return true;
    }

    @Override
    CrashTaskManager draw(String kind, FaultDraw draw) {
        int taskManagers = MIN_TASK_MANAGERS + draw.nextInt(MAX_TASK_MANAGERS - MIN_TASK_MANAGERS + 1);
        int taskManager = draw.nextInt(taskManagers);
        if (draw.context().checkpointing() && draw.coin()) {
            return new CrashTaskManager(taskManager, taskManagers, null, draw.checkpoint());
        }
        return new CrashTaskManager(taskManager, taskManagers, draw.time(), null);
    }

    @Override
    void describe(CrashTaskManager crash, FaultFields fields) {
        fields.put("task-manager", crash.taskManager()).put("task-managers", crash.taskManagers())
                .put("at-time", crash.atTime()).put("at-checkpoint", crash.atCheckpoint());
    }

    @Override
    List<Position> positions(CrashTaskManager c) {
        if (c.atTime() != null) {
            return List.of(Position.time(c.atTime(),
                    v -> new CrashTaskManager(c.taskManager(), c.taskManagers(), v, null)));
        }
        return List.of(Position.checkpoint(c.atCheckpoint(),
                v -> new CrashTaskManager(c.taskManager(), c.taskManagers(), null, v)));
    }

    @Override
    void arm(CrashTaskManager crash, FaultTargets targets) {
        FaultTargets.CrashPoint at = new FaultTargets.CrashPoint(null, crash.atCheckpoint(),
                CheckpointPhase.BEFORE_SNAPSHOT, crash.atTime());
        int slot = 0;
        for (FaultTargets.Operator operator : targets.operators()) {
            for (int subtask = 0; subtask < operator.parallelism(); subtask++, slot++) {
                if (slot % crash.taskManagers() == crash.taskManager()) {
                    targets.crashTask(operator.uid(), subtask, at);
                }
            }
        }
    }
}
