package io.snapsim.core.explain;

import io.snapsim.core.history.JobEvents;
import java.util.ArrayList;
import java.util.List;

/** Explanations of what the job master records: deployments, failovers, planned actions, the end. Stateless. */
final class JobExplanations {
    private JobExplanations() {
    }

    static void register(Rules.Registry rules) {
        rules.add(JobEvents.GraphDescribed.class, JobExplanations::graph);
        rules.add(JobEvents.Deployed.class, JobExplanations::deployed);
        rules.add(JobEvents.Failover.class, (e, job, facts) -> "the job fails over after: " + e.cause()
                + (e.fault() == null ? "" : " (planned fault " + e.fault() + ")")
                + ". Every task of attempt " + e.attempt() + " is cancelled and the checkpoints in flight are aborted: "
                + "a snapshot is all or nothing. The job will restart from the newest checkpoint completed by the time"
                + " it redeploys (" + (job.latestCompleted() == null ? "none so far: if none completes, from scratch"
                : "so far checkpoint " + job.latestCompleted()) + ").");
        rules.add(JobEvents.RestartScheduled.class, (e, job, facts) -> "the restart strategy allows another attempt: "
                + "the master waits " + e.delayMillis() + " ms, then deploys attempt " + (e.attempt() + 1) + ".");
        rules.add(JobEvents.CoordinatorCrashed.class, (e, job, facts) -> "the checkpoint coordinator crashed ("
                + facts.fault(e.fault()) + "): " + e.message() + ". A new coordinator starts and learns from its store "
                + "which checkpoints completed; the checkpoints the old one had in flight are lost, and the job "
                + "restores the newest checkpoint the store knows.");
        rules.add(JobEvents.CheckpointDamaged.class, (e, job, facts) -> "retained checkpoint " + e.checkpoint()
                + " cannot be restored: " + e.reason() + ". The restore checks every file before using it, and falls"
                + " back to an older retained checkpoint if one is intact.");
        rules.add(JobEvents.NoIntactCheckpoint.class, (e, job, facts) -> "all " + Words.count(e.damaged(), "retained checkpoint")
                + " are damaged: there is nothing intact to restore, so the job fails cleanly rather than restore"
                + " inconsistent state (the outcome is UNRECOVERABLE).");
        rules.add(JobEvents.Cancelled.class, (e, job, facts) -> "the job is cancelled as planned, after "
                + Words.count(e.completedCheckpoints(), "completed checkpoint") + "; its tasks stop, pending"
                + " checkpoints are aborted, and the retention policy decides which checkpoint stays on disk.");
        rules.add(JobEvents.SavepointTaken.class, (e, job, facts) -> "savepoint " + e.checkpoint() + " is ready in "
                + e.folder() + ": a self-contained snapshot in the canonical format, which snapsim never deletes;"
                + " 'run -s' resumes from it, at another parallelism too.");
        rules.add(JobEvents.Stopping.class, (e, job, facts) -> "stop-with-savepoint: savepoint " + e.checkpoint()
                + " completed, so the tasks learn of it (the sinks commit what it covers) and then stop, leaving no"
                + " uncommitted output behind.");
        rules.add(JobEvents.Ended.class, JobExplanations::ended);
    }

    private static String graph(JobEvents.GraphDescribed e, JobView job, RunFacts facts) {
        List<String> chains = new ArrayList<>();
        int subtasks = 0;
        for (JobEvents.GraphVertex v : e.vertices()) {
            chains.add(v.name() + " x" + v.parallelism());
            subtasks += v.parallelism();
        }
        List<String> edges = new ArrayList<>();
        for (JobEvents.GraphEdge edge : e.edges()) {
            edges.add(chain(e, edge.to()) + " reads " + chain(e, edge.from()) + " by " + edge.partitioning());
        }
        return "job '" + e.job() + "' runs as " + Words.count(e.vertices().size(), "chain") + " (" + Words.list(chains)
                + "), " + Words.count(subtasks, "task") + " in all: operators joined by a forward edge at equal"
                + " parallelism share a task, and records between chains travel on channels ("
                + Words.list(edges) + "). Barriers will travel the same channels.";
    }

    private static String chain(JobEvents.GraphDescribed e, int id) {
        return e.vertices().stream().filter(v -> v.id() == id).map(JobEvents.GraphVertex::name).findFirst()
                .orElse("chain " + id);
    }

    private static String deployed(JobEvents.Deployed e, JobView job, RunFacts facts) {
        String tasks = Words.count(e.tasks(), "task");
        if (e.checkpoint() == null) {
            return e.attempt() == 0
                    ? "the job master deploys attempt 0: " + tasks + " start with empty state, and the sources read"
                    + " their input from the beginning."
                    : "the job master redeploys the job as attempt " + e.attempt() + " from scratch: no checkpoint had"
                    + " completed, so all " + tasks + " start empty and the sources read everything again.";
        }
        if (e.attempt() == 0) {
            return "the job master deploys " + tasks + " restoring checkpoint " + e.checkpoint() + " of an earlier run"
                    + " ('run -s'): this submission continues where that snapshot left off.";
        }
        boolean latest = e.checkpoint().equals(job.latestCompleted());
        return "the job master redeploys the job as attempt " + e.attempt() + ", restoring checkpoint " + e.checkpoint()
                + (latest ? ", the latest completed one" : job.latestCompleted() == null ? ""
                : " (the latest completed one, " + job.latestCompleted() + ", could not be used)")
                + ": every task loads its state from it and the sources rewind to the positions it recorded, so the"
                + " records after them are read again.";
    }

    private static String ended(JobEvents.Ended e, JobView job, RunFacts facts) {
        return switch (e.status()) {
            case "finished" -> "the job finished: every source is exhausted and the final checkpoint let the sinks"
                    + " commit their last records.";
            case "canceled" -> "the job ended cancelled" + (e.failure() == null ? "" : " (" + e.failure() + ")")
                    + "; what the sinks committed so far is a consistent prefix of the output.";
            default -> "the job ended " + e.status() + (e.failure() == null ? "" : ": " + e.failure()) + ".";
        };
    }
}
