package io.snapsim.core.sim;

import io.snapsim.core.sim.Faults.Savepoint;
import java.util.List;

/**
 * {@code savepoint}: not a fault but a planned operator action, a savepoint (with {@code stop}, a
 * stop-with-savepoint) after n completed checkpoints or at a time. Never drawn, and its position is
 * not shrunk.
 */
final class SavepointType extends FaultType<Savepoint> {

    static final SavepointType INSTANCE = new SavepointType();

    private static final List<String> KEYS = List.of("after-checkpoints", "at-time", "stop");

    private SavepointType() {
        super(Savepoint.TYPE, Savepoint.class);
    }

    @Override
    Savepoint read(FaultReading body) {
        FaultReading.Fields fields = body.fields(KEYS, "a mapping such as {after-checkpoints: 3, stop: true}");
        SpecNode after = fields.get("after-checkpoints");
        SpecNode time = fields.get("at-time");
        SpecNode stop = fields.get("stop");
        if (after.isAbsent() == time.isAbsent()) {
            throw body.error("needs exactly one of after-checkpoints and at-time");
        }
        boolean stopJob = !stop.isAbsent() && stop.booleanValue();
        if (!after.isAbsent()) {
            return new Savepoint(body.checkpointId(after), null, stopJob);
        }
        return new Savepoint(null, FaultReading.millis(time), stopJob);
    }

    @Override
    void describe(Savepoint savepoint, FaultFields fields) {
        fields.put("after-checkpoints", savepoint.afterCheckpoints()).put("at-time", savepoint.atTime());
        if (savepoint.stop()) {
            fields.put("stop", true);
        }
    }

    @Override
    void arm(Savepoint savepoint, FaultTargets targets) {
        targets.savepoint(savepoint);
    }
}
