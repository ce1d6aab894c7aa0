package io.snapsim.core.sim;

import io.snapsim.core.sim.FaultPlans.PlanContext;
import io.snapsim.core.sim.Faults.CoordinatorPhase;
import io.snapsim.core.sim.Faults.CrashCoordinator;
import io.snapsim.core.sim.Shrinker.Position;
import java.util.List;

/** {@code crash-coordinator}: the checkpoint coordinator crashes in a phase of completing checkpoint n. */
final class CrashCoordinatorType extends FaultType<CrashCoordinator> {

    static final CrashCoordinatorType INSTANCE = new CrashCoordinatorType();

    private static final List<String> KEYS = List.of("at-checkpoint", "phase");

    private CrashCoordinatorType() {
        super(CrashCoordinator.TYPE, CrashCoordinator.class);
    }

    @Override
    CrashCoordinator read(FaultReading body) {
        FaultReading.Fields fields = body.fields(KEYS, "a mapping such as {at-checkpoint: 2, phase: after-metadata}");
        long checkpoint = body.checkpointId(fields.required("at-checkpoint"));
        SpecNode phaseNode = fields.get("phase");
        if (phaseNode.isAbsent()) {
            throw phaseNode.error("missing (required; one of " + FaultReading.choices(CoordinatorPhase.class) + ")");
        }
        return new CrashCoordinator(checkpoint, phaseNode.choice(CoordinatorPhase.class));
    }

    @Override
    List<DrawnKind> drawnKinds() {
        return List.of(kind(Group.DEFAULT));
    }

    @Override
    boolean canPlace(PlanContext ctx) {
        return ctx.checkpointing();
    }

    @Override
    boolean needsCheckpoints() {
        return true;
    }

    @Override
    CrashCoordinator draw(String kind, FaultDraw draw) {
        return new CrashCoordinator(draw.checkpoint(), draw.pick(CoordinatorPhase.values()));
    }

    @Override
    void describe(CrashCoordinator crash, FaultFields fields) {
        fields.put("at-checkpoint", crash.atCheckpoint()).choice("phase", crash.phase());
    }

    @Override
    List<Position> positions(CrashCoordinator c) {
        return List.of(Position.checkpoint(c.atCheckpoint(), v -> new CrashCoordinator(v, c.phase())));
    }

    @Override
    void arm(CrashCoordinator crash, FaultTargets targets) {
        targets.crashCoordinator(crash.phase(), crash.atCheckpoint());
    }
}
