package io.snapsim.core.explain;

import io.snapsim.core.history.TaskEvents;
import java.util.ArrayList;
import java.util.List;

/** Explanations of a task's life cycle, restore, snapshots, acknowledgements and notices. Stateless. */
final class TaskExplanations {
    private TaskExplanations() {
    }

    static void register(Rules.Registry rules) {
        rules.add(TaskEvents.Lifecycle.class, TaskExplanations::lifecycle);
        rules.add(TaskEvents.Wired.class, (e, job, facts) -> e.inputs().isEmpty()
                ? e.actor() + " is wired: it has no input channel, it is a source and reads its input splits."
                : e.actor() + " is wired: its input channels come from " + Words.list(e.inputs().stream().map(s -> s.task()
                + " (its output " + s.output() + ")").toList()) + ". Each channel delivers in order (FIFO), which"
                + " barriers rely on: a barrier separates the records before it from those after it.");
        rules.add(TaskEvents.Restored.class, TaskExplanations::restored);
        rules.add(TaskEvents.Snapshot.class, TaskExplanations::snapshot);
        rules.add(TaskEvents.Acknowledged.class, TaskExplanations::acknowledged);
        rules.add(TaskEvents.SnapshotWriteFailed.class, (e, job, facts) -> e.actor() + " could not write its part of"
                + " checkpoint " + e.checkpoint() + " (" + e.message() + "): it declines the checkpoint, which the"
                + " coordinator will abort; the job itself goes on.");
        rules.add(TaskEvents.CompleteNotified.class, (e, job, facts) -> e.actor() + " learns that checkpoint "
                + e.checkpoint() + " completed" + (job.task(e.actor()).map(t -> t.pendingTransactions()
                .containsKey(e.checkpoint())).orElse(false) ? ": its sink may now commit what it pre-committed for it"
                + " (phase two of two-phase commit)." : "; it no longer needs anything it kept for that checkpoint."));
        rules.add(TaskEvents.AbortNotified.class, (e, job, facts) -> e.actor() + " learns that checkpoint "
                + e.checkpoint() + " was aborted: it drops what it kept for it; its records will be covered by a later"
                + " checkpoint instead.");
        rules.add(TaskEvents.SourceExhausted.class, (e, job, facts) -> e.actor() + " has read all its input ("
                + Words.count(e.records(), "record") + " in this attempt); it tells the coordinator, whose final checkpoint"
                + " will cover every record before the input ends.");
        rules.add(TaskEvents.EndOfInput.class, (e, job, facts) -> "every input of " + e.actor() + " ended: it drains,"
                + " waiting for the final checkpoint to complete (so that its sink commits) and for its output to be sent.");
    }

    private static String lifecycle(TaskEvents.Lifecycle e, JobView job, RunFacts facts) {
        String who = e.actor();
        return switch (e.phase()) {
            case DEPLOYING -> who + " is created for attempt " + e.attempt() + "; it waits for its channels and the start.";
            case RESTORING -> who + " loads its state from checkpoint " + job.restoring() + " before it processes anything.";
            case RUNNING -> who + " is running: it processes records and takes part in checkpoints.";
            case DRAINING -> who + "'s input ended: it waits for the final checkpoint and for its output to drain.";
            case FINISHED -> who + " finished" + counts(e) + ".";
            case FAILED -> who + " failed: " + Words.orElse(e.message(), "no message") + ". The job master will fail the"
                    + " job over: every task restarts from the latest completed checkpoint.";
            case CANCELLED -> who + " is cancelled by the job master" + counts(e) + "; whatever it did after the latest"
                    + " completed checkpoint is redone by the next attempt or, uncommitted, thrown away.";
            case STOPPED -> who + " stopped after the savepoint" + counts(e) + ".";
        };
    }

    private static String counts(TaskEvents.Lifecycle e) {
        List<String> parts = new ArrayList<>();
        if (e.sourceRecords() != null && e.sourceRecords() > 0) {
            parts.add("read " + Words.count(e.sourceRecords(), "record"));
        }
        if (e.sinkRecords() != null && e.sinkRecords() > 0) {
            parts.add("wrote " + Words.count(e.sinkRecords(), "record"));
        }
        return parts.isEmpty() ? "" : " (it " + Words.list(parts) + " in this attempt)";
    }

    private static String restored(TaskEvents.Restored e, JobView job, RunFacts facts) {
        if (e.sourcePositions().isEmpty()) {
            return e.actor() + " restored its state from checkpoint " + e.checkpoint() + ": it holds the effect of"
                    + " exactly the records before that checkpoint's cut, no more and no less.";
        }
        return e.actor() + " restored checkpoint " + e.checkpoint() + " and rewinds its source to "
                + Words.positions(e.sourcePositions()) + ": the records from there on are read again, and since the"
                + " state downstream was restored to the same cut, none is counted twice.";
    }

    private static String snapshot(TaskEvents.Snapshot e, JobView job, RunFacts facts) {
        List<String> counts = new ArrayList<>();
        e.records().forEach(r -> counts.add(String.valueOf(r)));
        String positions = e.sourcePositions().isEmpty() ? ""
                : ", and the positions to resume reading from: " + Words.positions(e.sourcePositions());
        return e.actor() + " takes its synchronous snapshot of checkpoint " + e.checkpoint() + ": its state reflects"
                + " exactly the records before the barrier (" + String.join(", ", counts) + " processed by its chain"
                + " operators)" + positions + ". The state is written asynchronously while it goes on.";
    }

    private static String acknowledged(TaskEvents.Acknowledged e, JobView job, RunFacts facts) {
        long written = e.checkpointedSizes().values().stream().mapToLong(Long::longValue).sum();
        String progress = job.checkpoint(e.checkpoint()).map(v -> "; the coordinator now has "
                + (v.acknowledgements() + (v.acknowledged().contains(e.actor()) ? 0 : e.checkpointedSizes().size()))
                + " of " + v.tasks() + " acknowledgements").orElse("");
        return e.actor() + " acknowledges checkpoint " + e.checkpoint() + ": its part is written ("
                + Words.bytes(written) + "; alignment " + e.alignmentMillis() + " ms, sync " + e.syncMillis()
                + " ms, async " + e.asyncMillis() + " ms)" + progress + ".";
    }
}
