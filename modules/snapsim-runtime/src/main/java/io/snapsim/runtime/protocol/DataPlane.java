package io.snapsim.runtime.protocol;

/**
 * Task to task: records in batches, in-band events, and credits flowing back. A channel is one
 * (upstream subtask, downstream subtask) pair; a sender may send a batch only for a credit.
 */
public final class DataPlane {
    private DataPlane() {
    }

    /** A batch of records arriving on an input channel. {@code records} is owned by the receiver once sent. */
    public record DataBatch(int channel, Object[] records, int count) implements TaskCommand {
    }

    /** An in-band event arriving on an input channel. */
    public record Event(int channel, ChannelEvent event) implements TaskCommand {
    }

    /** The receiver of output channel {@code outputChannel} has room for {@code credits} more batches. */
    public record Credit(int outputChannel, int credits) implements TaskCommand {
    }
}
