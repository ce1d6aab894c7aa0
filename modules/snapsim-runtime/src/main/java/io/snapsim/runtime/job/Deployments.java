package io.snapsim.runtime.job;

import io.snapsim.core.checkpoint.CompletedCheckpoint;
import java.util.List;

/**
 * Which attempt of the job runs, which one the job master waits to deploy, and whether a reply
 * belongs to that deployment. There is at most one pending (re)deployment: it waits for the restart
 * delay after a task failure (if any), then for a ready coordinator, then for the retained
 * checkpoints to restore from. A coordinator crash meanwhile does not start a second one: the
 * pending deployment waits for the restarted coordinator instead, whose store recovered the
 * completed checkpoints. Replies of a timer, a coordinator or a request that the pending deployment
 * no longer waits for are {@link Ignore}d.
 *
 * <p>Pure and confined to the job master's thread.
 */
final class Deployments {

    /** What the master does after an event. */
    sealed interface Step {
    }

    /** Deploy {@code attempt}, restoring the newest intact of {@code retainedNewestFirst}. */
    record Deploy(int attempt, List<CompletedCheckpoint> retainedNewestFirst) implements Step {
    }

    /** Ask the coordinator for its retained checkpoints; its answer carries {@code request}. */
    record AskRetained(long request) implements Step {
    }

    /** Nothing to do yet: the pending deployment waits for something else first. */
    record Wait() implements Step {
    }

    /** The message belongs to no pending deployment (a stale timer, coordinator or reply): drop it. */
    record Ignore() implements Step {
    }

    private sealed interface State {
    }

    /** The attempt deployed last runs (or, before the first coordinator starts, nothing does); nothing is pending. */
    private record Running() implements State {
    }

    /** {@code next} is deployed when the restart timer {@code timer} fires. */
    private record WaitingForDelay(int next, long timer) implements State {
    }

    /** {@code next} is deployed from the checkpoints that the starting coordinator reports when ready. */
    private record WaitingForCoordinator(int next) implements State {
    }

    /** {@code next} is deployed from the retained checkpoints answering {@code request}. */
    private record WaitingForRetained(int next, long request) implements State {
    }

    private State state = new Running();
    private int attempt = -1;
    private int coordinator;
    private boolean coordinatorReady;
    private long tokens;

    /** The attempt deployed last (-1 before the first deployment). */
    int attempt() {
        return attempt;
    }

    /** True when {@code messageAttempt} is the attempt that runs now and no redeployment replaces it. */
    boolean isRunning(int messageAttempt) {
        return state instanceof Running && messageAttempt == attempt;
    }

    /** True while a (re)deployment is pending. */
    boolean pending() {
        return !(state instanceof Running);
    }

    /** The incarnation number of the coordinator that runs now (1 for the first). */
    int coordinator() {
        return coordinator;
    }

    /**
     * The running attempt failed over and restarts after a delay; returns the token the restart
     * timer must carry. Only while an attempt runs (a failure during a pending deployment is the same failure).
     */
    long restartScheduled() {
        if (!(state instanceof Running)) {
            throw new IllegalStateException("a restart is already pending: " + state);
        }
        long timer = ++tokens;
        state = new WaitingForDelay(attempt + 1, timer);
        return timer;
    }

    /**
     * A coordinator starts (the first, or a new one after a crash); returns its incarnation number.
     * A running attempt is replaced by a deployment from the new coordinator's checkpoints; a pending
     * deployment keeps waiting, and a request to the old coordinator is void.
     */
    int coordinatorStarting() {
        coordinator++;
        coordinatorReady = false;
        if (state instanceof Running) {
            state = new WaitingForCoordinator(attempt + 1);
        } else if (state instanceof WaitingForRetained waiting) {
            state = new WaitingForCoordinator(waiting.next());
        }
        return coordinator;
    }

    /** Coordinator {@code incarnation} has read its store and retains {@code retainedNewestFirst}. */
    Step coordinatorReady(int incarnation, List<CompletedCheckpoint> retainedNewestFirst) {
        if (incarnation != coordinator || coordinatorReady) {
            return new Ignore();
        }
        coordinatorReady = true;
        if (state instanceof WaitingForCoordinator waiting) {
            return deploy(waiting.next(), retainedNewestFirst);
        }
        return new Wait(); // the restart delay has not passed yet: the timer asks for the checkpoints then
    }

    /** The restart timer {@code timer} fired. */
    Step restartDue(long timer) {
        if (!(state instanceof WaitingForDelay waiting) || waiting.timer() != timer) {
            return new Ignore();
        }
        if (!coordinatorReady) {
            state = new WaitingForCoordinator(waiting.next());
            return new Wait();
        }
        long request = ++tokens;
        state = new WaitingForRetained(waiting.next(), request);
        return new AskRetained(request);
    }

    /** The coordinator answered {@code request} with its retained checkpoints. */
    Step retained(long request, List<CompletedCheckpoint> retainedNewestFirst) {
        if (!(state instanceof WaitingForRetained waiting) || waiting.request() != request) {
            return new Ignore();
        }
        return deploy(waiting.next(), retainedNewestFirst);
    }

    private Step deploy(int next, List<CompletedCheckpoint> retainedNewestFirst) {
        attempt = next;
        state = new Running();
        return new Deploy(next, List.copyOf(retainedNewestFirst));
    }

    @Override
    public String toString() {
        return state + (coordinatorReady ? ", coordinator " : ", starting coordinator ") + coordinator;
    }
}
