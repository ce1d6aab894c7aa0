package io.snapsim.core.barrier;

import java.util.Objects;

/**
 * Creates the {@link BarrierHandler} for a task's checkpointing mode. Each handler it returns is
 * confined to the owning task and not thread-safe.
 */
public final class BarrierHandlers {

    private BarrierHandlers() {
    }

    /**
     * EXACTLY_ONCE: aligns barriers, blocking each channel from its barrier until the checkpoint
     * triggers or is aborted; at most one checkpoint is aligned at a time.
     *
     * @throws IllegalArgumentException if {@code numberOfChannels < 1}
     */
    public static BarrierHandler aligned(int numberOfChannels, CheckpointController controller) {
        return new AlignedBarrierHandler(new InputChannels(numberOfChannels),
                Objects.requireNonNull(controller, "controller"));
    }

    /**
     * AT_LEAST_ONCE: never blocks; tracks several checkpoints at once and triggers each when its
     * barrier has arrived on every open channel.
     *
     * @throws IllegalArgumentException if {@code numberOfChannels < 1}
     */
    public static BarrierHandler atLeastOnce(int numberOfChannels, CheckpointController controller) {
        return new BarrierTracker(new InputChannels(numberOfChannels),
                Objects.requireNonNull(controller, "controller"));
    }
}
