package io.snapsim.core.sim;

import io.snapsim.core.sim.FaultPlans.PlanContext;
import io.snapsim.core.sim.Faults.CheckpointPhase;
import io.snapsim.core.sim.Faults.CrashAt;
import io.snapsim.core.sim.Shrinker.Position;
import java.util.List;

/** {@code crash-at}: one subtask crashes in a given phase of checkpoint n, or at a time. */
final class CrashAtType extends FaultType<CrashAt> {

    static final CrashAtType INSTANCE = new CrashAtType();

    private static final List<String> KEYS = List.of("operator", "subtask", "at-checkpoint", "phase", "at-time");

    private CrashAtType() {
        super(CrashAt.TYPE, CrashAt.class);
    }

    @Override
    CrashAt read(FaultReading body) {
        FaultReading.Fields fields = body.fields(KEYS,
                "a mapping such as {operator: counter, subtask: 0, at-checkpoint: 3, phase: after-snapshot}");
        String operator = fields.required("operator").nonBlankText();
        int subtask = body.subtask(fields.required("subtask"));
        SpecNode checkpointNode = fields.get("at-checkpoint");
        SpecNode timeNode = fields.get("at-time");
        body.requireExactlyOne(checkpointNode, timeNode);
        SpecNode phaseNode = fields.get("phase");
        if (timeNode.isAbsent()) {
            long checkpoint = body.checkpointId(checkpointNode);
            if (phaseNode.isAbsent()) {
                throw phaseNode.error("missing (required with 'at-checkpoint'; one of "
                        + FaultReading.choices(CheckpointPhase.class) + ")");
            }
            return new CrashAt(operator, subtask, checkpoint, phaseNode.choice(CheckpointPhase.class), null);
        }
        if (!phaseNode.isAbsent()) {
            throw phaseNode.error("applies only with 'at-checkpoint'; a crash 'at-time' has no checkpoint phase");
        }
        return new CrashAt(operator, subtask, null, null, FaultReading.millis(timeNode));
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
    CrashAt draw(String kind, FaultDraw draw) {
        String operator = draw.pick(draw.context().operators());
        int subtask = draw.subtask(operator);
        if (draw.context().checkpointing() && draw.coin()) {
            return new CrashAt(operator, subtask, draw.checkpoint(), draw.pick(CheckpointPhase.values()), null);
        }
        return new CrashAt(operator, subtask, null, null, draw.time());
    }

    @Override
    void describe(CrashAt crash, FaultFields fields) {
        fields.put("operator", crash.operator()).put("subtask", crash.subtask())
                .put("at-checkpoint", crash.atCheckpoint()).choice("phase", crash.phase())
                .put("at-time", crash.atTime());
    }

    @Override
    List<Position> positions(CrashAt c) {
        if (c.atCheckpoint() != null) {
            return List.of(Position.checkpoint(c.atCheckpoint(),
                    v -> new CrashAt(c.operator(), c.subtask(), v, c.phase(), null)));
        }
        return List.of(Position.time(c.atTime(), v -> new CrashAt(c.operator(), c.subtask(), null, null, v)));
    }

    @Override
    void arm(CrashAt crash, FaultTargets targets) {
        targets.requireSubtask(crash.operator(), crash.subtask());
        CheckpointPhase phase = crash.phase() == null ? CheckpointPhase.BEFORE_SNAPSHOT : crash.phase();
        targets.crashTask(crash.operator(), crash.subtask(),
                new FaultTargets.CrashPoint(null, crash.atCheckpoint(), phase, crash.atTime()));
    }
}
