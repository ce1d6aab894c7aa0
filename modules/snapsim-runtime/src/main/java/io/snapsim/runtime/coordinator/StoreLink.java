package io.snapsim.runtime.coordinator;

import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.checkpoint.CompletionOutcome;
import io.snapsim.runtime.coordinator.SelfMessages.StoreLoaded;
import io.snapsim.runtime.coordinator.SelfMessages.StoreStopped;
import io.snapsim.runtime.coordinator.SelfMessages.Stored;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.store.CheckpointEntry;
import io.snapsim.runtime.store.CompletedCheckpointStore;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The coordinator's side of its {@link CompletedCheckpointStore}: asks it for what it holds,
 * records completed checkpoints in it and forgets subsumed ones. Replies come back as
 * {@link StoreLoaded} and {@link Stored} through message adapters, not asks: an ask's
 * CompletionStage may run its callbacks on a thread of its own, which would escape deterministic
 * execution.
 *
 * <p>The store is watched: a persistent actor whose journal fails to persist or to replay stops,
 * and a store that crashes stops too. Either way it never answers again, so the coordinator gets a
 * {@link StoreStopped} instead of waiting for ever.
 *
 * <p>Confined to the coordinator actor.
 */
final class StoreLink {
    private final ActorRef<CompletedCheckpointStore.Command> store;
    private final ActorRef<Done> ignore;
    private final ActorRef<Done> storedAdapter;
    private final ActorRef<List<CheckpointEntry>> loadedAdapter;
    /** Completions sent to the store, oldest first, waiting for its Done: the store answers in order. */
    private final Deque<CompletionOutcome> awaitingStore = new ArrayDeque<>();

    StoreLink(ActorContext<CoordinatorCommand> context, ActorRef<CompletedCheckpointStore.Command> store) {
        this.store = store;
        this.ignore = context.getSystem().ignoreRef();
        this.storedAdapter = context.messageAdapter(Done.class, done -> new Stored(awaitingStore.pollFirst()));
        this.loadedAdapter = castList(context.messageAdapter(List.class, entries -> new StoreLoaded(castEntries(entries))));
        context.watchWith(store, new StoreStopped());
    }

    /** Asks for every stored checkpoint; answered with {@link StoreLoaded}. */
    void load() {
        store.tell(new CompletedCheckpointStore.GetAll(loadedAdapter));
    }

    /** Records the checkpoint {@code outcome} completed; answered with {@link Stored} once it is durable. */
    void add(CompletionOutcome outcome) {
        CompletedCheckpoint c = outcome.completed();
        CheckpointEntry entry = new CheckpointEntry(
                c.checkpointId(), c.triggerTimestamp(), c.completionTimestamp(), c.metadataPath(), c.stateSize(), false);
        awaitingStore.addLast(outcome);
        store.tell(new CompletedCheckpointStore.Add(entry, storedAdapter));
    }

    /** Forgets a subsumed checkpoint; nobody waits for the answer. */
    void remove(long checkpointId) {
        store.tell(new CompletedCheckpointStore.Remove(checkpointId, ignore));
    }

    // A message adapter is registered per class; the store answers GetAll with a List.
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ActorRef<List<CheckpointEntry>> castList(ActorRef ref) {
        return ref;
    }

    @SuppressWarnings("unchecked")
    private static List<CheckpointEntry> castEntries(List<?> entries) {
        return (List<CheckpointEntry>) entries;
    }
}
