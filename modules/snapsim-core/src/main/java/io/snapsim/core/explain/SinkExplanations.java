package io.snapsim.core.explain;

import io.snapsim.core.history.TaskEvents;
import io.snapsim.core.history.TaskPhase;

/** Explanations of what a sink does with its transactions: two-phase commit. Stateless. */
final class SinkExplanations {
    private SinkExplanations() {
    }

    static void register(Rules.Registry rules) {
        rules.add(TaskEvents.SinkPrecommitted.class, (e, job, facts) -> e.actor() + "'s sink pre-commits transaction "
                + e.transaction() + " for checkpoint " + e.checkpoint() + " (" + Words.count(e.records(), "record")
                + "): phase one of two-phase commit. " + (facts.eagerCommit()
                ? "This sink is the deliberately broken one: it makes them visible already, before the checkpoint is"
                + " complete, so a failure now leaves output that the replay writes again."
                : "The records are written but stay invisible until checkpoint " + e.checkpoint() + " completes."));
        rules.add(TaskEvents.SinkCommitted.class, SinkExplanations::committed);
        rules.add(TaskEvents.SinkAborted.class, (e, job, facts) -> e.actor() + "'s sink aborts transaction "
                + e.transaction() + ": its records are thrown away. No completed checkpoint covers them, so the"
                + " replay produces them again; keeping them would write them twice.");
    }

    private static String committed(TaskEvents.SinkCommitted e, JobView job, RunFacts facts) {
        if (e.checkpoint() == null) {
            return e.actor() + "'s sink commits its last transaction " + e.transaction() + " at the end of its input"
                    + " (the job takes no checkpoints).";
        }
        boolean restoring = job.task(e.actor()).map(t -> t.phase() == TaskPhase.RESTORING
                || t.phase() == TaskPhase.DEPLOYING).orElse(false);
        if (restoring) {
            return "on restore, " + e.actor() + "'s sink commits again transaction " + e.transaction() + ", which"
                    + " checkpoint " + e.checkpoint() + " pre-committed: the commit is idempotent, and a crash between"
                    + " the checkpoint's completion and the commit must not lose it.";
        }
        return e.actor() + "'s sink commits transaction " + e.transaction() + " of checkpoint " + e.checkpoint()
                + ": its records become visible in the output. Phase two of two-phase commit, done only now that the"
                + " checkpoint covering them completed.";
    }
}
