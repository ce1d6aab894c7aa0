package io.snapsim.runtime.task;

import io.snapsim.runtime.fault.ChannelFaultInjector;
import io.snapsim.runtime.protocol.ChannelEvent;
import io.snapsim.runtime.protocol.DataPlane;
import io.snapsim.runtime.protocol.TaskCommand;
import java.util.ArrayDeque;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The sending end of one channel, with credit-based flow control: records are gathered into
 * batches, and a batch is sent only while the receiver has granted a credit (one credit = one
 * batch the receiver has room for). Events are never held back by credits but keep their place
 * in the order. Confined to the owning task.
 */
final class OutputChannel {
    private final ActorRef<TaskCommand> target;
    private final int channelAtTarget;
    private final int batchSize;
    private final ArrayDeque<Object> unsent = new ArrayDeque<>();
    private Object[] buffer;
    private int size;
    private int credits;
    private long recordsSent;
    /** The network fault on this channel, or null; with it, messages may be held, delayed, dropped or swapped. */
    private final ChannelFaultInjector fault;

    OutputChannel(ActorRef<TaskCommand> target, int channelAtTarget, int batchSize, int initialCredits) {
        this(target, channelAtTarget, batchSize, initialCredits, null);
    }

    OutputChannel(ActorRef<TaskCommand> target, int channelAtTarget, int batchSize, int initialCredits,
                  ChannelFaultInjector fault) {
        this.target = target;
        this.channelAtTarget = channelAtTarget;
        this.batchSize = batchSize;
        this.credits = initialCredits;
        this.buffer = new Object[batchSize];
        this.fault = fault;
    }

    /** Sends what a delay or stall held back and is now due (called by the owning task on its timer). */
    void releaseDue() {
        if (fault != null) {
            fault.releaseDue(target);
        }
    }

    void add(Object record) {
        buffer[size++] = record;
        if (size == batchSize) {
            seal();
            trySend();
        }
    }

    /** Sends the partial batch (when credits allow). */
    void flush() {
        if (size > 0) {
            seal();
        }
        trySend();
    }

    /** Puts an event after every record added so far. */
    void addEvent(ChannelEvent event) {
        if (size > 0) {
            seal();
        }
        unsent.addLast(event);
        trySend();
    }

    void grant(int newCredits) {
        credits += newCredits;
        trySend();
    }

    /** True while a network fault holds messages of this channel back for later delivery. */
    boolean isHolding() {
        return fault != null && fault.isHolding();
    }

    /** True when something waits for credit: the task should stop producing. */
    boolean isBackpressured() {
        return !unsent.isEmpty();
    }

    /** The records sealed into batches so far: every record added before the latest event is counted. */
    long recordsSent() {
        return recordsSent;
    }

    /** Every record added so far, sealed or still in the open batch: what an event added now comes after. */
    long recordsAdded() {
        return recordsSent + size;
    }

    private void deliver(TaskCommand message) {
        if (fault == null) {
            target.tell(message);
        } else {
            fault.deliver(target, message);
        }
    }

    private void seal() {
        unsent.addLast(new DataPlane.DataBatch(channelAtTarget, buffer, size));
        recordsSent += size;
        buffer = new Object[batchSize];
        size = 0;
    }

    private void trySend() {
        while (!unsent.isEmpty()) {
            Object head = unsent.peekFirst();
            if (head instanceof DataPlane.DataBatch batch) {
                if (credits == 0) {
                    return;
                }
                credits--;
                deliver(batch);
            } else {
                deliver(new DataPlane.Event(channelAtTarget, (ChannelEvent) head));
            }
            unsent.pollFirst();
        }
    }
}
