package io.snapsim.runtime.task;

import io.snapsim.core.api.CheckpointingMode;
import io.snapsim.core.barrier.BarrierHandler;
import io.snapsim.core.barrier.BarrierHandlers;
import io.snapsim.core.barrier.CheckpointController;
import io.snapsim.core.history.TaskEvents;
import io.snapsim.runtime.protocol.ChannelEvent;
import io.snapsim.runtime.protocol.DataPlane.Credit;
import io.snapsim.runtime.protocol.DataPlane.DataBatch;
import io.snapsim.runtime.protocol.DataPlane.Event;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.protocol.TaskLifecycle.InputSender;
import java.util.ArrayDeque;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The input side of a task: one queue per input channel, the credit returned upstream for every
 * batch taken, and the barrier handler that decides which channels are blocked. Input is taken
 * round-robin from channels the handler has not blocked, and only while no output waits for credit,
 * so that alignment and backpressure are real. Counts the records each channel delivered in this
 * attempt: a channel's side of the cut at its barrier.
 *
 * <p>Accepts input from its creation on (upstream tasks may start before this one), but takes none
 * before {@link #start}. Confined to the owning task.
 */
final class InputGate {

    /** Where the gate's input goes. */
    interface Consumer {
        /** A record of operator input {@code input} (0 or 1). */
        void processRecord(int input, Object record) throws Exception;

        /** Whether an output waits for credit: the gate takes nothing meanwhile. */
        boolean isBackpressured();

        /** The barrier of checkpoint {@code checkpointId}, a savepoint into {@code folder}, arrived. */
        void savepointBarrier(long checkpointId, String folder);
    }

    /** What a call of {@link #drain} ended with. */
    enum Drained {
        /** Input ran out, is blocked, or an output waits for credit: more may come. */
        MORE_TO_COME,
        /** The last open channel delivered its end of partition: the task's input ended. */
        ALL_INPUT_ENDED
    }

    private final TaskHistory history;
    private final int[] inputOfChannel;
    private final ArrayDeque<TaskCommand>[] queues;
    private final long[] recordsPerChannel;
    private ActorRef<TaskCommand>[] senders;
    private int[] senderChannel;
    private BarrierHandler barriers;
    private int endedChannels;
    private int nextChannel;

    /** @param inputOfChannel for every input channel, the operator input (0 or 1) it feeds */
    @SuppressWarnings("unchecked")
    InputGate(int[] inputOfChannel, TaskHistory history) {
        this.history = history;
        this.inputOfChannel = inputOfChannel.clone();
        int channels = inputOfChannel.length;
        this.queues = new ArrayDeque[channels];
        for (int c = 0; c < channels; c++) {
            queues[c] = new ArrayDeque<>();
        }
        this.recordsPerChannel = new long[channels];
    }

    int numberOfChannels() {
        return queues.length;
    }

    /** The sending end of each input channel, where credits go. */
    @SuppressWarnings("unchecked")
    void wire(List<InputSender> inputs) {
        if (inputs.size() != queues.length) {
            throw new IllegalArgumentException("the task has " + queues.length + " input channels, but was wired to "
                    + inputs.size() + " senders");
        }
        senders = new ActorRef[inputs.size()];
        senderChannel = new int[inputs.size()];
        for (int c = 0; c < inputs.size(); c++) {
            senders[c] = inputs.get(c).sender();
            senderChannel[c] = inputs.get(c).outputChannelAtSender();
        }
    }

    /** Starts taking input, with the barrier handler of {@code mode} telling {@code controller} what to do. */
    void start(CheckpointingMode mode, CheckpointController controller) {
        if (queues.length > 0) {
            barriers = mode == CheckpointingMode.AT_LEAST_ONCE
                    ? BarrierHandlers.atLeastOnce(queues.length, controller)
                    : BarrierHandlers.aligned(queues.length, controller);
        }
    }

    /** Queues a batch or an event on its channel. */
    void enqueue(TaskCommand input) {
        if (input instanceof DataBatch batch) {
            queues[batch.channel()].addLast(batch);
        } else if (input instanceof Event event) {
            queues[event.channel()].addLast(event);
        } else {
            throw new IllegalArgumentException("not input of a channel: " + input);
        }
    }

    /**
     * The records queued on {@code channel} ahead of its next event (a barrier, a marker, the end):
     * while it is blocked, those that arrived behind the barrier it blocked for.
     */
    long queuedRecords(int channel) {
        long records = 0;
        for (TaskCommand item : queues[channel]) {
            if (!(item instanceof DataBatch batch)) {
                break;
            }
            records += batch.count();
        }
        return records;
    }

    /** Whether every input channel delivered its end of partition. */
    boolean allInputEnded() {
        return endedChannels == queues.length;
    }

    /**
     * Hands queued input to {@code consumer} until it runs out, is blocked, an output waits for
     * credit, or the last channel ends (then it stops at once: what follows is the end of input).
     */
    Drained drain(Consumer consumer) throws Exception {
        while (!allInputEnded() && !consumer.isBackpressured()) {
            int channel = nextReadableChannel();
            if (channel < 0) {
                break;
            }
            TaskCommand item = queues[channel].pollFirst();
            if (item instanceof DataBatch batch) {
                take(channel, batch, consumer);
            } else if (item instanceof Event event) {
                handleEvent(channel, event.event(), consumer);
                if (allInputEnded()) {
                    return Drained.ALL_INPUT_ENDED;
                }
            }
        }
        return Drained.MORE_TO_COME;
    }

    private void take(int channel, DataBatch batch, Consumer consumer) throws Exception {
        int input = inputOfChannel[channel];
        Object[] records = batch.records();
        for (int r = 0; r < batch.count(); r++) {
            consumer.processRecord(input, records[r]);
        }
        recordsPerChannel[channel] += batch.count();
        senders[channel].tell(new Credit(senderChannel[channel], 1));
    }

    private int nextReadableChannel() {
        int channels = queues.length;
        for (int k = 0; k < channels; k++) {
            int c = (nextChannel + k) % channels;
            if (!queues[c].isEmpty() && !barriers.isBlocked(c)) {
                nextChannel = (c + 1) % channels;
                return c;
            }
        }
        return -1;
    }

    private void handleEvent(int channel, ChannelEvent event, Consumer consumer) {
        if (event instanceof ChannelEvent.Barrier b) {
            history.record(new TaskEvents.BarrierReceived(history.now(), history.actor(), history.attempt(),
                    b.checkpointId(), channel, recordsPerChannel[channel]));
            if (b.savepointDir() != null) {
                consumer.savepointBarrier(b.checkpointId(), b.savepointDir());
            }
            barriers.processBarrier(channel, b.checkpointId(), b.timestamp());
        } else if (event instanceof ChannelEvent.CancelMarker m) {
            history.record(new TaskEvents.CancelMarkerReceived(history.now(), history.actor(), history.attempt(),
                    m.checkpointId(), channel));
            barriers.processCancellationMarker(channel, m.checkpointId());
        } else if (event instanceof ChannelEvent.EndOfPartition) {
            history.record(new TaskEvents.EndOfPartitionReceived(history.now(), history.actor(), history.attempt(),
                    channel));
            endedChannels++;
            barriers.processEndOfPartition(channel);
        }
    }

    /** The coordinator aborted checkpoint {@code checkpointId}: stop aligning it (nothing to do before the start). */
    void abortCheckpoint(long checkpointId) {
        if (barriers != null) {
            barriers.abortCheckpoint(checkpointId);
        }
    }

    /** Queue lengths per channel, with {@code b} for a blocked one, for diagnosing a stalled job. */
    String describeQueues() {
        StringBuilder queued = new StringBuilder();
        for (int c = 0; c < queues.length; c++) {
            queued.append(c == 0 ? "" : ",").append(queues[c].size())
                    .append(barriers != null && barriers.isBlocked(c) ? "b" : "");
        }
        return "[" + queued + "]";
    }
}
