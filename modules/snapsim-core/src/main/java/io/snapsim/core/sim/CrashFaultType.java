package io.snapsim.core.sim;

import io.snapsim.core.sim.FaultPlans.PlanContext;
import io.snapsim.core.sim.Faults.CheckpointPhase;
import io.snapsim.core.sim.Shrinker.Position;
import java.util.List;

/** {@code crash}: one subtask throws before its n-th record, or when it is about to snapshot checkpoint n. */
final class CrashFaultType extends FaultType<CrashFault> {

    static final CrashFaultType INSTANCE = new CrashFaultType();

    private static final List<String> KEYS = List.of("operator", "subtask", "at-record", "at-checkpoint");

    private CrashFaultType() {
        super(CrashFault.TYPE, CrashFault.class);
    }

    @Override
    CrashFault read(FaultReading body) {
        FaultReading.Fields fields = body.fields(KEYS, "a mapping such as {operator: counter, subtask: 0, at-record: 100}");
        String operator = fields.required("operator").nonBlankText();
        int subtask = body.subtask(fields.required("subtask"));
        SpecNode recordNode = fields.get("at-record");
        SpecNode checkpointNode = fields.get("at-checkpoint");
        body.requireExactlyOne(recordNode, checkpointNode);
        return recordNode.isAbsent()
                ? CrashFault.atCheckpoint(operator, subtask, body.checkpointId(checkpointNode))
                : CrashFault.atRecord(operator, subtask, FaultReading.recordNumber(recordNode));
    }

    @Override
    List<DrawnKind> drawnKinds() {
        return List.of(kind(Group.DEFAULT));
    }

    @Override
    boolean canPlace(PlanContext ctx) {
        return ctx.checkpointing() || !ctx.recordTargets().isEmpty();
    }

    @Override
    CrashFault draw(String kind, FaultDraw draw) {
        PlanContext ctx = draw.context();
        boolean atRecord = !ctx.recordTargets().isEmpty() && (!ctx.checkpointing() || draw.coin());
        if (atRecord) {
            String operator = draw.pick(ctx.recordTargets());
            return CrashFault.atRecord(operator, draw.subtask(operator), draw.record(operator));
        }
        String operator = draw.pick(ctx.operators());
        return CrashFault.atCheckpoint(operator, draw.subtask(operator), draw.checkpoint());
    }

    @Override
    void describe(CrashFault crash, FaultFields fields) {
        fields.put("operator", crash.operator()).put("subtask", crash.subtask())
                .put("at-record", crash.atRecord()).put("at-checkpoint", crash.atCheckpoint());
    }

    @Override
    List<Position> positions(CrashFault c) {
        if (c.atRecord() != null) {
            return List.of(Position.record(c.atRecord(), v -> CrashFault.atRecord(c.operator(), c.subtask(), v)));
        }
        return List.of(Position.checkpoint(c.atCheckpoint(), v -> CrashFault.atCheckpoint(c.operator(), c.subtask(), v)));
    }

    @Override
    void arm(CrashFault crash, FaultTargets targets) {
        targets.requireSubtask(crash.operator(), crash.subtask());
        targets.crashTask(crash.operator(), crash.subtask(), new FaultTargets.CrashPoint(crash.atRecord(),
                crash.atCheckpoint(), CheckpointPhase.BEFORE_SNAPSHOT, null));
    }
}
