package io.snapsim.core.explain;

import io.snapsim.core.history.CheckpointEvents;

/** Explanations of what the checkpoint coordinator records. Stateless. */
final class CheckpointExplanations {
    private CheckpointExplanations() {
    }

    static void register(Rules.Registry rules) {
        rules.add(CheckpointEvents.Triggered.class, CheckpointExplanations::triggered);
        rules.add(CheckpointEvents.SavepointTriggered.class, (e, job, facts) -> "the coordinator triggers "
                + (e.stop() ? "a stop-with-savepoint, " : "") + "savepoint " + e.checkpoint() + ": it travels through the"
                + " job as a checkpoint does, with barriers, but each task writes its state in the canonical format into"
                + " the savepoint's own folder; " + Words.count(e.tasks(), "operator subtask") + " must acknowledge it.");
        rules.add(CheckpointEvents.AcknowledgedByAll.class, (e, job, facts) -> "every task acknowledged checkpoint "
                + e.checkpoint() + ": all its parts are written. Only now does the coordinator write _metadata, the"
                + " file that ties the parts together; until then the checkpoint does not exist for a restore.");
        rules.add(CheckpointEvents.Completed.class, CheckpointExplanations::completed);
        rules.add(CheckpointEvents.Stored.class, (e, job, facts) -> "the coordinator's store recorded checkpoint "
                + e.checkpoint() + ": a coordinator restarted after a crash will know it completed.");
        rules.add(CheckpointEvents.Aborted.class, CheckpointExplanations::aborted);
        rules.add(CheckpointEvents.Subsumed.class, (e, job, facts) -> "checkpoint " + e.checkpoint() + " is subsumed"
                + (job.latestCompleted() == null ? "" : " by checkpoint " + job.latestCompleted())
                + ": a newer checkpoint completed and only num-retained are kept, so its files are deleted.");
        rules.add(CheckpointEvents.FolderKept.class, (e, job, facts) -> "the folder of checkpoint " + e.checkpoint()
                + " stays for now: " + e.reason() + ".");
        rules.add(CheckpointEvents.SavepointCompleted.class, (e, job, facts) -> "savepoint " + e.checkpoint()
                + " is complete in " + e.folder() + " (" + Words.bytes(e.stateSize()) + "): a savepoint is always"
                + " full and self-contained, so it can be moved, rescaled and resumed by another backend.");
        rules.add(CheckpointEvents.ClaimedCheckpoint.class, (e, job, facts) -> "CLAIM mode: the job owns the"
                + " checkpoint it resumed from (" + e.folder() + "), which is " + (e.deleted() ? "now deleted" : "kept")
                + (e.reason() == null ? "" : ": " + e.reason()) + ".");
        rules.add(CheckpointEvents.RetentionApplied.class, (e, job, facts) -> "the job ended (" + e.end()
                + ") and the retention policy " + e.retention() + " applies: " + (e.kept() == null
                ? "no checkpoint is kept on disk." : e.kept() + " is kept, ready for 'run -s'."));
        rules.add(CheckpointEvents.JobFolderKept.class, (e, job, facts) -> "the job's checkpoint folder could not"
                + " be deleted: " + e.reason() + ".");
    }

    private static String triggered(CheckpointEvents.Triggered e, JobView job, RunFacts facts) {
        String why = "final".equals(e.kind())
                ? "the sources are exhausted, so the coordinator triggers the final checkpoint " + e.checkpoint()
                + ": it makes the sinks commit their last records before the job finishes"
                : "the checkpoint interval has passed, so the coordinator triggers checkpoint " + e.checkpoint();
        return why + ". It tells the sources to record their read positions and send barrier " + e.checkpoint()
                + " downstream, after everything they sent so far; " + "acknowledgements from " + Words.count(e.tasks(), "operator subtask")
                + " will complete it.";
    }

    private static String completed(CheckpointEvents.Completed e, JobView job, RunFacts facts) {
        String duration = job.checkpoint(e.checkpoint()).map(v -> ", " + (e.time() - v.triggeredAt())
                + " ms after its trigger").orElse("");
        return "checkpoint " + e.checkpoint() + " is complete" + duration + ": _metadata is written in " + e.folder()
                + " (full size " + Words.bytes(e.stateSize()) + ", " + Words.bytes(e.checkpointedSize())
                + " written by this checkpoint). From now on a failure restores to this cut; next the coordinator"
                + " tells the tasks, so that the sinks commit.";
    }

    private static String aborted(CheckpointEvents.Aborted e, JobView job, RunFacts facts) {
        String acks = job.checkpoint(e.checkpoint()).map(v -> " (" + v.acknowledgements() + " of " + v.tasks()
                + " acknowledgements had arrived)").orElse("");
        String message = Words.orElse(e.message(), "no message");
        String why = switch (e.reason()) {
            case "TASK_FAILURE" -> "a task failed before it was complete: " + message;
            case "DECLINED" -> "a task declined it: " + message;
            case "EXPIRED" -> "it did not complete within the checkpoint timeout";
            case "IO_FAILURE" -> "writing its metadata or state failed: " + message;
            case "SUBSUMED" -> "a newer checkpoint completed first";
            case "JOB_CANCELLED" -> "the job is being cancelled";
            case "FINISHED" -> "the job, or the tasks it waited for, finished before it could complete";
            default -> e.reason() + ": " + message;
        };
        return "checkpoint " + e.checkpoint() + " is aborted" + acks + " because " + why + ". A checkpoint is all or"
                + " nothing: the parts already written are discarded, and the tasks are told.";
    }
}
