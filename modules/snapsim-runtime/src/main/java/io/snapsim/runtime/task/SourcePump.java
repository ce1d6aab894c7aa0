package io.snapsim.runtime.task;

import io.snapsim.core.operators.SourceOperator;
import io.snapsim.runtime.protocol.TaskCommand;

/**
 * Drives the source at the head of a task's chain: one chunk of records per {@link Continue}
 * message the task sends itself, so that barriers, credits and notices get their turn between
 * chunks. At most one {@code Continue} is in the mailbox at a time.
 *
 * <p>States: {@link State#IDLE} (nothing asked; waits for credit or the start),
 * {@link State#SCHEDULED} (a {@code Continue} is on its way), {@link State#EXHAUSTED} (every split
 * was read; never left). Confined to the owning task.
 */
final class SourcePump {

    /** Time to emit the next chunk. */
    record Continue() implements TaskCommand.Internal {
    }

    enum State { IDLE, SCHEDULED, EXHAUSTED }

    /** What a chunk ended with. */
    enum Emitted {
        /** A full chunk: there may be more. */
        CHUNK,
        /** Fewer than a chunk: every split is read. */
        EXHAUSTED_NOW,
        /** Nothing was emitted: the source is exhausted, or an output waits for credit. */
        NOTHING
    }

    /** Chunks of this many batches keep the mailbox turning without a message per record. */
    private static final int CHUNK_BATCHES = 4;

    private final SourceOperator source;
    private final int chunk;
    private final TaskMailbox mailbox;
    private State state = State.IDLE;

    SourcePump(SourceOperator source, int batchSize, TaskMailbox mailbox) {
        this.source = source;
        this.chunk = batchSize * CHUNK_BATCHES;
        this.mailbox = mailbox;
    }

    State state() {
        return state;
    }

    /** Asks for the next chunk, unless one is asked for already or the source is exhausted. */
    void schedule() {
        if (state == State.IDLE) {
            state = State.SCHEDULED;
            mailbox.tellSelf(new Continue());
        }
    }

    /**
     * Emits a chunk for the {@code Continue} just taken from the mailbox, unless the source is
     * exhausted or {@code router} waits for credit, and asks for the next one while there is room.
     */
    Emitted onContinue(RecordRouter router) throws Exception {
        if (state == State.EXHAUSTED) {
            return Emitted.NOTHING;
        }
        state = State.IDLE;
        if (router.isBackpressured()) {
            return Emitted.NOTHING;
        }
        int emitted = source.emit(chunk);
        if (emitted < chunk) {
            router.flush();
            state = State.EXHAUSTED;
            return Emitted.EXHAUSTED_NOW;
        }
        if (!router.isBackpressured()) {
            schedule();
        }
        return Emitted.CHUNK;
    }
}
