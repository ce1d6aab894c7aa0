package io.snapsim.core.barrier;

import java.util.ArrayList;
import java.util.List;

/** A controller that only logs its calls, for driving a handler directly. */
class RecordingController implements CheckpointController {

    final List<String> calls = new ArrayList<>();

    @Override
    public void alignmentStarted(long checkpointId) {
        calls.add("alignStart " + checkpointId);
    }

    @Override
    public void triggerCheckpoint(long checkpointId, long timestamp) {
        calls.add("trigger " + checkpointId + " @" + timestamp);
    }

    @Override
    public void abortCheckpoint(long checkpointId, AbortReason reason) {
        calls.add("abort " + checkpointId + " " + reason);
    }
}
