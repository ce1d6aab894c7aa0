package io.snapsim.core.sim;

import io.snapsim.core.sim.FaultPlans.PlanContext;
import io.snapsim.core.sim.Faults.SinkCommitFails;
import io.snapsim.core.sim.Shrinker.Position;
import java.util.List;

/** {@code sink-commit-fails}: a sink subtask's commit of checkpoint n fails once. */
final class SinkCommitFailsType extends FaultType<SinkCommitFails> {

    static final SinkCommitFailsType INSTANCE = new SinkCommitFailsType();

    private static final List<String> KEYS = List.of("operator", "subtask", "at-checkpoint");

    private SinkCommitFailsType() {
        super(SinkCommitFails.TYPE, SinkCommitFails.class);
    }

    @Override
    SinkCommitFails read(FaultReading body) {
        FaultReading.Fields fields = body.fields(KEYS, "a mapping such as {operator: sink, subtask: 0, at-checkpoint: 2}");
        String operator = fields.required("operator").nonBlankText();
        int subtask = body.subtask(fields.required("subtask"));
        long checkpoint = body.checkpointId(fields.required("at-checkpoint"));
        return new SinkCommitFails(operator, subtask, checkpoint);
    }

    @Override
    List<DrawnKind> drawnKinds() {
        return List.of(kind(Group.DEFAULT));
    }

    @Override
    boolean canPlace(PlanContext ctx) {
        return ctx.checkpointing() && !ctx.sinks().isEmpty();
    }

    @Override
    boolean needsCheckpoints() {
        return true;
    }

    @Override
    SinkCommitFails draw(String kind, FaultDraw draw) {
        String sink = draw.pick(draw.context().sinks());
        return new SinkCommitFails(sink, draw.subtask(sink), draw.checkpoint());
    }

    @Override
    void describe(SinkCommitFails sink, FaultFields fields) {
        fields.put("operator", sink.operator()).put("subtask", sink.subtask()).put("at-checkpoint", sink.atCheckpoint());
    }

    @Override
    List<Position> positions(SinkCommitFails s) {
        return List.of(Position.checkpoint(s.atCheckpoint(), v -> new SinkCommitFails(s.operator(), s.subtask(), v)));
    }

    @Override
    void arm(SinkCommitFails sink, FaultTargets targets) {
        targets.requireSubtask(sink.operator(), sink.subtask());
        targets.failCommit(sink.operator(), sink.subtask(), sink.atCheckpoint());
    }
}
