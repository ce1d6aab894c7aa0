package io.snapsim.runtime.task;

import java.util.ArrayDeque;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The sending end of one channel, with credit-based flow control: records are gathered into
 * batches, and a batch is sent only while the receiver has granted a credit (one credit = one
 * batch the receiver has room for). Events are never held back by credits but keep their place
 * in the order. Confined to the owning task.
 */
final class OutputChannel {
    private final ActorRef<TaskActor.Command> target;
    private final int channelAtTarget;
    private final int batchSize;
    private final ArrayDeque<Object> unsent = new ArrayDeque<>();
    private Object[] buffer;
    private int size;
    private int credits;
    private long recordsSent;

    OutputChannel(ActorRef<TaskActor.Command> target, int channelAtTarget, int batchSize, int initialCredits) {
        this.target = target;
        this.channelAtTarget = channelAtTarget;
        this.batchSize = batchSize;
        this.credits = initialCredits;
        this.buffer = new Object[batchSize];
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

    /** True when something waits for credit: the task should stop producing. */
    boolean isBackpressured() {
        return !unsent.isEmpty();
    }

    long recordsSent() {
        return recordsSent;
    }

    private void seal() {
        unsent.addLast(new TaskActor.DataBatch(channelAtTarget, buffer, size));
        recordsSent += size;
        buffer = new Object[batchSize];
        size = 0;
    }

    private void trySend() {
        while (!unsent.isEmpty()) {
            Object head = unsent.peekFirst();
            if (head instanceof TaskActor.DataBatch batch) {
                if (credits == 0) {
                    return;
                }
                credits--;
                target.tell(batch);
            } else {
                target.tell(new TaskActor.Event(channelAtTarget, (ChannelEvent) head));
            }
            unsent.pollFirst();
        }
    }
}
