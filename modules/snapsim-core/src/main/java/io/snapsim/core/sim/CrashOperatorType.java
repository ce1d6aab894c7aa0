package io.snapsim.core.sim;

import io.snapsim.core.sim.FaultPlans.PlanContext;
import io.snapsim.core.sim.Faults.CheckpointPhase;
import io.snapsim.core.sim.Faults.CrashOperator;
import io.snapsim.core.sim.Shrinker.Position;
import java.util.ArrayList;
import java.util.List;

/** {@code crash-operator}: every subtask of an operator crashes, at a record, a checkpoint or a time. */
final class CrashOperatorType extends FaultType<CrashOperator> {

    static final CrashOperatorType INSTANCE = new CrashOperatorType();

    private static final List<String> KEYS = List.of("operator", "at-record", "at-checkpoint", "at-time");

    /** Which position a drawn crash is placed at. */
    private enum Trigger { RECORD, CHECKPOINT, TIME }

    private CrashOperatorType() {
        super(CrashOperator.TYPE, CrashOperator.class);
    }

    @Override
    CrashOperator read(FaultReading body) {
        FaultReading.Fields fields = body.fields(KEYS, "a mapping such as {operator: counter, at-record: 2000}");
        String operator = fields.required("operator").nonBlankText();
        SpecNode recordNode = fields.get("at-record");
        SpecNode checkpointNode = fields.get("at-checkpoint");
        SpecNode timeNode = fields.get("at-time");
        body.requireExactlyOne(recordNode, checkpointNode, timeNode);
        return new CrashOperator(operator,
                recordNode.isAbsent() ? null : FaultReading.recordNumber(recordNode),
                checkpointNode.isAbsent() ? null : body.checkpointId(checkpointNode),
                timeNode.isAbsent() ? null : FaultReading.millis(timeNode));
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
    CrashOperator draw(String kind, FaultDraw draw) {
        PlanContext ctx = draw.context();
        List<Trigger> triggers = new ArrayList<>();
        if (!ctx.recordTargets().isEmpty()) {
            triggers.add(Trigger.RECORD);
        }
        if (ctx.checkpointing()) {
            triggers.add(Trigger.CHECKPOINT);
        }
        triggers.add(Trigger.TIME);
        Trigger trigger = draw.pick(triggers);
        if (trigger == Trigger.RECORD) {
            String operator = draw.pick(ctx.recordTargets());
            return new CrashOperator(operator, draw.record(operator), null, null);
        }
        String operator = draw.pick(ctx.operators());
        return trigger == Trigger.CHECKPOINT
                ? new CrashOperator(operator, null, draw.checkpoint(), null)
                : new CrashOperator(operator, null, null, draw.time());
    }

    @Override
    void describe(CrashOperator crash, FaultFields fields) {
        fields.put("operator", crash.operator()).put("at-record", crash.atRecord())
                .put("at-checkpoint", crash.atCheckpoint()).put("at-time", crash.atTime());
    }

    @Override
    List<Position> positions(CrashOperator c) {
        if (c.atRecord() != null) {
            return List.of(Position.record(c.atRecord(), v -> new CrashOperator(c.operator(), v, null, null)));
        }
        if (c.atCheckpoint() != null) {
            return List.of(Position.checkpoint(c.atCheckpoint(), v -> new CrashOperator(c.operator(), null, v, null)));
        }
        return List.of(Position.time(c.atTime(), v -> new CrashOperator(c.operator(), null, null, v)));
    }

    @Override
    void arm(CrashOperator crash, FaultTargets targets) {
        int parallelism = targets.parallelismOf(crash.operator(), null);
        FaultTargets.CrashPoint at = new FaultTargets.CrashPoint(crash.atRecord(), crash.atCheckpoint(),
                CheckpointPhase.BEFORE_SNAPSHOT, crash.atTime());
        for (int subtask = 0; subtask < parallelism; subtask++) {
            targets.crashTask(crash.operator(), subtask, at);
        }
    }
}
