package io.snapsim.core.sim;

import io.snapsim.core.sim.Faults.Cancel;
import java.util.List;

/**
 * {@code cancel}: not a fault but a planned operator action, the job is cancelled after n completed
 * checkpoints or at a time. Never drawn, and its position is not shrunk.
 */
final class CancelType extends FaultType<Cancel> {

    static final CancelType INSTANCE = new CancelType();

    private static final List<String> KEYS = List.of("after-checkpoints", "at-time");

    private CancelType() {
        super(Cancel.TYPE, Cancel.class);
    }

    @Override
    Cancel read(FaultReading body) {
        FaultReading.Fields fields = body.fields(KEYS, "a mapping such as {after-checkpoints: 3} or {at-time: 200}");
        SpecNode after = fields.get("after-checkpoints");
        SpecNode time = fields.get("at-time");
        if (after.isAbsent() == time.isAbsent()) {
            throw body.error("needs exactly one of after-checkpoints and at-time");
        }
        if (!after.isAbsent()) {
            return new Cancel(body.checkpointId(after), null);
        }
        return new Cancel(null, FaultReading.millis(time));
    }

    @Override
    void describe(Cancel cancel, FaultFields fields) {
        fields.put("after-checkpoints", cancel.afterCheckpoints()).put("at-time", cancel.atTime());
    }

    @Override
    void arm(Cancel cancel, FaultTargets targets) {
        targets.cancel(cancel);
    }
}
