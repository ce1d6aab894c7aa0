package io.snapsim.core.sim;

import io.snapsim.core.sim.FaultPlans.PlanContext;
import io.snapsim.core.sim.Faults.StorageFault;
import io.snapsim.core.sim.Faults.StorageKind;
import io.snapsim.core.sim.Shrinker.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code storage}: checkpoint storage fails or slows a state write of checkpoint n, or damages the
 * completed checkpoint n. Every kind is drawn by its own name ({@code storage.fail-write}); the
 * damage kinds only when asked for.
 */
final class StorageFaultType extends FaultType<StorageFault> {

    static final StorageFaultType INSTANCE = new StorageFaultType();

    private static final List<String> KEYS = List.of("kind", "at-checkpoint", "operator", "subtask", "delay");

    private StorageFaultType() {
        super(StorageFault.TYPE, StorageFault.class);
    }

    @Override
    StorageFault read(FaultReading body) {
        FaultReading.Fields fields = body.fields(KEYS, "a mapping such as {kind: fail-write, at-checkpoint: 2}");
        StorageKind kind = fields.required("kind").choice(StorageKind.class);
        long checkpoint = body.checkpointId(fields.required("at-checkpoint"));
        SpecNode operatorNode = fields.get("operator");
        SpecNode subtaskNode = fields.get("subtask");
        String operator = operatorNode.isAbsent() ? null : operatorNode.nonBlankText();
        if (!subtaskNode.isAbsent() && operator == null) {
            throw subtaskNode.error("needs an operator: name whose subtask's state is hit (operator: sum, subtask: 1)");
        }
        Integer subtask = subtaskNode.isAbsent() ? null : body.subtask(subtaskNode);
        SpecNode delayNode = fields.get("delay");
        Long delay = null;
        if (kind == StorageKind.SLOW_WRITE) {
            if (delayNode.isAbsent()) {
                throw delayNode.error("missing (required for slow-write: how much longer the write takes, e.g. '5 s')");
            }
            delay = FaultReading.positiveMillis(delayNode);
        } else if (!delayNode.isAbsent()) {
            throw delayNode.error("applies only to slow-write, not to " + yamlName(kind));
        }
        return new StorageFault(kind, checkpoint, operator, subtask, delay);
    }

    @Override
    List<DrawnKind> drawnKinds() {
        List<DrawnKind> kinds = new ArrayList<>();
        for (StorageKind kind : StorageKind.values()) {
            kinds.add(kind(kind, kind.damagesCheckpoint() ? Group.DAMAGE : Group.DEFAULT));
        }
        return kinds;
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
    StorageFault draw(String kind, FaultDraw draw) {
        StorageKind storageKind = constantOf(kind, StorageKind.class);
        long checkpoint = draw.checkpoint();
        boolean write = !storageKind.damagesCheckpoint();
        String operator = write && draw.coin() ? draw.pick(draw.context().operators()) : null;
        Long delay = storageKind == StorageKind.SLOW_WRITE ? draw.duration() : null;
        return new StorageFault(storageKind, checkpoint, operator, delay);
    }

    @Override
    void describe(StorageFault storage, FaultFields fields) {
        fields.choice("kind", storage.kind()).put("at-checkpoint", storage.atCheckpoint())
                .put("operator", storage.operator()).put("subtask", storage.subtask()).put("delay", storage.delay());
    }

    @Override
    List<Position> positions(StorageFault s) {
        return List.of(Position.checkpoint(s.atCheckpoint(),
                v -> new StorageFault(s.kind(), v, s.operator(), s.subtask(), s.delay())));
    }

    /**
     * A write fault hits the named subtask, every subtask of the named operator, or every subtask
     * of the job; a damage fault tells the coordinator whose state file to damage.
     */
    @Override
    void arm(StorageFault storage, FaultTargets targets) {
        if (storage.operator() != null) {
            if (storage.subtask() != null) {
                targets.requireSubtask(storage.operator(), storage.subtask());
            } else {
                targets.parallelismOf(storage.operator(), "operator");
            }
        }
        if (storage.damagesCheckpoint()) {
            targets.damageCheckpoint(storage.kind(), storage.atCheckpoint(), storage.operator(), storage.subtask());
            return;
        }
        for (FaultTargets.Operator operator : targets.operators()) {
            if (storage.operator() != null && !storage.operator().equals(operator.uid())) {
                continue;
            }
            for (int subtask = 0; subtask < operator.parallelism(); subtask++) {
                if (storage.subtask() == null || storage.subtask() == subtask) {
                    armWrite(storage, operator.uid(), subtask, targets);
                }
            }
        }
    }

    private static void armWrite(StorageFault storage, String operator, int subtask, FaultTargets targets) {
        if (storage.kind() == StorageKind.SLOW_WRITE) {
            targets.slowWrite(operator, subtask, storage.atCheckpoint(), storage.delay());
        } else {
            targets.failWrite(operator, subtask, storage.atCheckpoint());
        }
    }
}
