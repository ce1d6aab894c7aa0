package io.snapsim.runtime.coordinator;

import io.snapsim.core.checkpoint.CompletionOutcome;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.store.CheckpointEntry;
import java.util.List;

/**
 * The checkpoint coordinator's messages to itself: its timers, the adapted replies of its store,
 * the end of a metadata write, and the death of its store. No other actor sends them.
 */
final class SelfMessages {
    private SelfMessages() {
    }

    /** Time to try a periodic (or, once every source is exhausted, the final) checkpoint. */
    record Tick() implements CoordinatorCommand.Internal {
    }

    /** The timeout of checkpoint {@code checkpointId} may have passed. */
    record ExpireCheck(long checkpointId) implements CoordinatorCommand.Internal {
    }

    /** The store's answer to the coordinator's first question: everything it holds, by ascending id. */
    record StoreLoaded(List<CheckpointEntry> entries) implements CoordinatorCommand.Internal {
    }

    /** The store made {@code outcome}'s completed checkpoint durable. */
    record Stored(CompletionOutcome outcome) implements CoordinatorCommand.Internal {
    }

    /** The {@code _metadata} of checkpoint {@code checkpointId} is at {@code path}, or its write failed. */
    record MetadataWritten(long checkpointId, String path, Throwable failure) implements CoordinatorCommand.Internal {
    }

    /**
     * The store stopped while the coordinator still needed it: its journal failed to persist or to
     * replay (Pekko stops a persistent actor then), or it crashed.
     */
    record StoreStopped() implements CoordinatorCommand.Internal {
    }
}
