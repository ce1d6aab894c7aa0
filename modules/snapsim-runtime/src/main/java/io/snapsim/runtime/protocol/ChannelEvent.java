package io.snapsim.runtime.protocol;

/** An in-band event on a channel: it travels in order with the records around it. */
public sealed interface ChannelEvent {
    /**
     * Checkpoint barrier n: everything before it on this channel belongs to checkpoint n.
     * {@code savepointDir} is the folder of a savepoint, or null for a checkpoint.
     */
    record Barrier(long checkpointId, long timestamp, String savepointDir) implements ChannelEvent {
    }

    /** Checkpoint n was aborted upstream; stop aligning it. */
    record CancelMarker(long checkpointId) implements ChannelEvent {
    }

    /** The channel will carry nothing more. */
    record EndOfPartition() implements ChannelEvent {
    }
}
