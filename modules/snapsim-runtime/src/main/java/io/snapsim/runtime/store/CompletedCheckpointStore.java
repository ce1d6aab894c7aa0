package io.snapsim.runtime.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The durable list of completed checkpoints of one job, so that a restarted checkpoint coordinator
 * knows which checkpoints completed and can restore the latest one.
 *
 * <p>Invariants: at most one entry per checkpoint id; {@link GetAll} answers in ascending id order;
 * {@link Add} and {@link Remove} are idempotent, and a repeated one persists nothing. An entry is
 * durable once its {@link Add} has been answered with {@link Done}: the coordinator must wait for
 * that reply before it reports the checkpoint complete or discards older ones.
 *
 * <p>Spawned by the job master for each incarnation of the job's coordinator, one per job id and at
 * most one alive at a time per actor system (Pekko Persistence requires a single writer per
 * persistence id). Which journal backs it is the actor system's configuration, see
 * {@link JournalSettings}. If the journal fails to persist or to replay, the actor stops without
 * answering: the coordinator watches it, and ends the job rather than waiting.
 */
public final class CompletedCheckpointStore
        extends EventSourcedBehaviorWithEnforcedReplies<
                CompletedCheckpointStore.Command, CompletedCheckpointStore.Event, CompletedCheckpointStore.State> {

    /** Events between snapshots; with two snapshots kept, recovery replays at most this many events. */
    static final int DEFAULT_SNAPSHOT_EVERY = 100;

    private static final int SNAPSHOTS_KEPT = 2;
    private static final String PERSISTENCE_ID_PREFIX = "snapsim-checkpoints-";

    /** What the store is asked to do; each command is answered exactly once. */
    public sealed interface Command permits Add, Remove, GetAll {}

    /** Records a completed checkpoint; answered with {@link Done} once it is durable or already known. */
    public record Add(CheckpointEntry entry, ActorRef<Done> replyTo) implements Command {
        public Add {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Forgets a checkpoint, typically after it was subsumed; answered with {@link Done}, known or not. */
    public record Remove(long checkpointId, ActorRef<Done> replyTo) implements Command {
        public Remove {
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Asks for every stored checkpoint, answered in ascending checkpoint id order. */
    public record GetAll(ActorRef<List<CheckpointEntry>> replyTo) implements Command {
        public GetAll {
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** What the journal records; replayed in order on recovery. */
    public sealed interface Event extends StoreSerializable permits CheckpointAdded, CheckpointRemoved {}

    /** A checkpoint became known as completed. */
    public record CheckpointAdded(CheckpointEntry entry) implements Event {
        public CheckpointAdded {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /** A checkpoint was forgotten. */
    public record CheckpointRemoved(long checkpointId) implements Event {}

    /**
     * The stored checkpoints, sorted by ascending id, at most one per id. Immutable: each event yields
     * a new state, so a list handed out in a reply never changes afterwards. Also the snapshot format.
     */
    public record State(List<CheckpointEntry> entries) implements StoreSerializable {
        public State {
            entries = List.copyOf(entries);
        }

        static State empty() {
            return new State(List.of());
        }

        /** The entry with that id, or null. */
        CheckpointEntry find(long checkpointId) {
            int index = indexOf(checkpointId);
            return index >= 0 ? entries.get(index) : null;
        }

        State added(CheckpointAdded event) {
            List<CheckpointEntry> next = new ArrayList<>(entries);
            int index = indexOf(event.entry().checkpointId());
            if (index >= 0) {
                next.set(index, event.entry());
            } else {
                next.add(-index - 1, event.entry());
            }
            return new State(next);
        }

        State removed(CheckpointRemoved event) {
            int index = indexOf(event.checkpointId());
            if (index < 0) {
                return this;
            }
            List<CheckpointEntry> next = new ArrayList<>(entries);
            next.remove(index);
            return new State(next);
        }

        /** Binary search over the sorted entries: the index, or {@code -(insertion point) - 1}. */
        private int indexOf(long checkpointId) {
            int low = 0;
            int high = entries.size() - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                long midId = entries.get(mid).checkpointId();
                if (midId < checkpointId) {
                    low = mid + 1;
                } else if (midId > checkpointId) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(low + 1);
        }
    }

    private final ActorContext<Command> context;
    private final int snapshotEvery;

    private CompletedCheckpointStore(ActorContext<Command> context, String jobId, int snapshotEvery) {
        super(persistenceId(jobId));
        this.context = context;
        this.snapshotEvery = snapshotEvery;
    }

    /** The store of the job with that id; spawn it with a name unique among its siblings. */
    public static Behavior<Command> create(String jobId) {
        return create(jobId, DEFAULT_SNAPSHOT_EVERY);
    }

    /** As {@link #create(String)}, snapshotting every {@code snapshotEvery} events (tests use small values). */
    static Behavior<Command> create(String jobId, int snapshotEvery) {
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("snapshotEvery must be positive: " + snapshotEvery);
        }
        persistenceId(jobId); // fail in the caller, not in the spawned actor
        return Behaviors.setup(context -> new CompletedCheckpointStore(context, jobId, snapshotEvery));
    }

    /** The persistence id under which the journal keeps the store of that job. */
    public static PersistenceId persistenceId(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        if (jobId.isBlank()) {
            throw new IllegalArgumentException("jobId must not be blank");
        }
        return PersistenceId.ofUniqueId(PERSISTENCE_ID_PREFIX + jobId);
    }

    @Override
    public State emptyState() {
        return State.empty();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        // Deleting events covered by a snapshot keeps the journal as small as the list it describes.
        return RetentionCriteria.snapshotEvery(snapshotEvery, SNAPSHOTS_KEPT).withDeleteEventsOnSnapshot();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder()
                .forAnyState()
                .onCommand(Add.class, this::onAdd)
                .onCommand(Remove.class, this::onRemove)
                .onCommand(GetAll.class, this::onGetAll)
                .build();
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder()
                .forAnyState()
                .onEvent(CheckpointAdded.class, State::added)
                .onEvent(CheckpointRemoved.class, State::removed)
                .build();
    }

    private ReplyEffect<Event, State> onAdd(State state, Add command) {
        CheckpointEntry known = state.find(command.entry().checkpointId());
        if (known == null) {
            return Effect().persist(new CheckpointAdded(command.entry()))
                    .thenReply(command.replyTo(), stored -> Done.getInstance());
        }
        if (!known.equals(command.entry())) {
            // The first record of a checkpoint wins; a different second one points at a coordinator bug.
            context.getLog().warn("Checkpoint {} is already stored as {}; ignoring {}",
                    known.checkpointId(), known, command.entry());
        }
        return Effect().reply(command.replyTo(), Done.getInstance());
    }

    private ReplyEffect<Event, State> onRemove(State state, Remove command) {
        if (state.find(command.checkpointId()) == null) {
            return Effect().reply(command.replyTo(), Done.getInstance());
        }
        return Effect().persist(new CheckpointRemoved(command.checkpointId()))
                .thenReply(command.replyTo(), stored -> Done.getInstance());
    }

    private ReplyEffect<Event, State> onGetAll(State state, GetAll command) {
        return Effect().reply(command.replyTo(), state.entries());
    }
}
