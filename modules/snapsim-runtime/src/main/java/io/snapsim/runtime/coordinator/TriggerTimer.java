package io.snapsim.runtime.coordinator;

import io.snapsim.core.checkpoint.AbortedCheckpoint;
import io.snapsim.core.checkpoint.CheckpointCoordinatorConfig;
import io.snapsim.core.checkpoint.CheckpointFailureReason;
import io.snapsim.core.checkpoint.PendingCheckpoint;
import io.snapsim.core.checkpoint.TriggerDecision;
import io.snapsim.core.checkpoint.TriggerKind;
import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.runtime.coordinator.SelfMessages.ExpireCheck;
import io.snapsim.runtime.coordinator.SelfMessages.Tick;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.protocol.TaskCoordination.TriggerCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * When checkpoints are triggered, and when they expire. A periodic checkpoint is due one interval
 * after the previous one; the core defers it while min-pause or max-concurrent hold it back, and
 * the timer tries again when the core says. Once every source of the attempt has read all its
 * input, the final checkpoint is due at once; after it completed, nothing more is triggered in
 * that attempt. Each triggered checkpoint or savepoint has an expiry timer of its own.
 *
 * <p>Confined to the coordinator actor; its timers deliver {@link Tick} and {@link ExpireCheck}.
 */
final class TriggerTimer {
    private static final Object TICK = "tick";

    private final Basics basics;
    private final CheckpointCoordinatorConfig config;
    private final FsCheckpointStorage storage;
    private long lastPeriodicTrigger = Long.MIN_VALUE / 2;
    /** The final checkpoint of this attempt completed: the sources are ending, no more triggers. */
    private boolean finalCompleted;

    TriggerTimer(Basics basics, FsCheckpointStorage storage) {
        this.basics = basics;
        this.config = basics.core().config();
        this.storage = storage;
    }

    /**
     * A new attempt runs: triggering starts over, one interval from now (and at once when its
     * sources are all exhausted already).
     */
    void attemptDeployed() {
        finalCompleted = false;
        if (basics.roster().allSourcesExhausted()) {
            basics.self().tell(new Tick());
        }
    }

    /** Schedules the first periodic trigger of the attempt that was just deployed. */
    void start() {
        scheduleTick(config.intervalMs());
    }

    /** No more periodic triggers until {@link #start}: the job is failing over. */
    void stop() {
        basics.timers().cancel(TICK);
    }

    /** Every source of the running attempt has read all its input: the final checkpoint is due. */
    void allSourcesExhausted() {
        basics.self().tell(new Tick());
    }

    /**
     * A tick: triggers a periodic or the final checkpoint if the core allows one now, and schedules
     * the next tick. A checkpoint whose folder cannot be created is aborted through {@code aborted}.
     */
    void tick(Consumer<AbortedCheckpoint> aborted) {
        if (finalCompleted) {
            return;
        }
        long now = basics.history().now();
        boolean finalCheckpoint = basics.roster().allSourcesExhausted();
        TriggerDecision decision = basics.core().tryTrigger(now, finalCheckpoint ? TriggerKind.FINAL : TriggerKind.PERIODIC);
        if (decision instanceof TriggerDecision.Triggered triggered) {
            PendingCheckpoint pending = triggered.checkpoint();
            long id = pending.checkpointId();
            CoordinatorHistory history = basics.history();
            history.record(new CheckpointEvents.Triggered(history.now(), CoordinatorHistory.ACTOR, history.attempt(), id,
                    pending.kind().name().toLowerCase(), pending.numberOfTasks()));
            try {
                Files.createDirectories(storage.checkpointDirectory(id));
            } catch (IOException e) {
                basics.core().fail(id, CheckpointFailureReason.IO_FAILURE, "cannot create checkpoint directory: " + e, now)
                        .ifPresent(aborted);
                scheduleTick(config.intervalMs());
                return;
            }
            triggerAtSources(id, pending.triggerTimestamp(), null);
            expiryStarted(id);
            if (!finalCheckpoint) {
                lastPeriodicTrigger = now;
                scheduleTick(config.intervalMs());
            }
        } else if (decision instanceof TriggerDecision.Deferred deferred) {
            scheduleTick(Math.max(1, deferred.earliestRetryTime() - now));
        }
    }

    /** Tells every source to take part in checkpoint {@code id}; a savepoint when {@code savepointDir} is set. */
    void triggerAtSources(long id, long timestamp, String savepointDir) {
        List<ActorRef<TaskCommand>> sources = basics.roster().sources();
        for (ActorRef<TaskCommand> source : sources) {
            source.tell(new TriggerCheckpoint(id, timestamp, savepointDir));
        }
    }

    /**
     * A checkpoint ended, so a trigger held back by max-concurrent may go now: the next periodic
     * trigger is due one interval after the previous one, or when min-pause allows, whichever is
     * later; once all sources are exhausted the final checkpoint is due at once.
     */
    void checkpointEnded() {
        if (basics.roster().allSourcesExhausted()) {
            basics.self().tell(new Tick());
            return;
        }
        long now = basics.history().now();
        long due = Math.max(lastPeriodicTrigger + config.intervalMs(), basics.core().nextTriggerTime(now));
        scheduleTick(Math.max(1, due - now));
    }

    /** The final checkpoint of the attempt completed: no more triggers in it. */
    void finalCheckpointCompleted() {
        finalCompleted = true;
        basics.timers().cancel(TICK);
    }

    /** Checkpoint {@code id} was just triggered: it expires after the configured timeout. */
    void expiryStarted(long id) {
        basics.timers().startSingleTimer(expiryKey(id), new ExpireCheck(id), Duration.ofMillis(config.timeoutMs()));
    }

    /** Checkpoint {@code id} does not wait for anything more: its expiry timer goes. */
    void expiryEnded(long id) {
        basics.timers().cancel(expiryKey(id));
    }

    /** The checkpoints whose timeout has passed, aborted by the core as expired. */
    List<AbortedCheckpoint> expire() {
        return basics.core().expire(basics.history().now());
    }

    private static String expiryKey(long id) {
        return "expire-" + id;
    }

    private void scheduleTick(long delayMs) {
        basics.timers().startSingleTimer(TICK, new Tick(), Duration.ofMillis(delayMs));
    }
}
