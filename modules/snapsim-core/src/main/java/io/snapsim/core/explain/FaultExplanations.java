package io.snapsim.core.explain;

import io.snapsim.core.history.FaultInjected;

/** Explanations of planned faults as they take effect. Stateless. */
final class FaultExplanations {
    private FaultExplanations() {
    }

    static void register(Rules.Registry rules) {
        rules.add(FaultInjected.class, FaultExplanations::injected);
    }

    private static String injected(FaultInjected e, JobView job, RunFacts facts) {
        String where = e.target() + (e.phase() == null ? "" : ", " + e.phase())
                + (e.checkpoint() == null ? "" : " of checkpoint " + e.checkpoint());
        return facts.fault(e.fault()) + " strikes " + where + ": " + Words.orElse(e.detail(), e.kind()) + ". "
                + meaning(e.kind(), job);
    }

    private static String meaning(String kind, JobView job) {
        String restore = "the job will fail over and restore the newest checkpoint completed by then ("
                + (job.latestCompleted() == null ? "none so far: if none completes, it starts over"
                : "so far checkpoint " + job.latestCompleted()) + ")";
        return switch (kind) {
            case "crash" -> "The task throws; " + restore + ".";
            case "crash-coordinator" -> "The coordinator dies; a new one recovers the completed checkpoints from its store.";
            case "storage.fail-write" -> "The task cannot write its state, so it declines the checkpoint.";
            case "storage.slow-write" -> "The write takes longer; the checkpoint may expire before it completes.";
            case "network.delay", "network.stall" -> "Batches arrive late but in order (FIFO holds), so snapshots stay"
                    + " consistent; alignment just takes longer.";
            case "network.drop", "network.reorder" -> "This breaks what Chandy-Lamport assumes: reliable FIFO channels."
                    + " A batch lost or overtaking another lands on the wrong side of a cut or nowhere, and the verdict"
                    + " will show the divergence.";
            case "sink-commit-fails" -> "The commit fails once; after the restart it is retried (commits are idempotent).";
            case "cancel" -> "Not a fault: the job is cancelled as planned.";
            case "savepoint" -> "Not a fault: a savepoint is taken as planned.";
            default -> kind.startsWith("storage.")
                    ? "A completed checkpoint is damaged on disk; a restore will detect it and fall back to an older one."
                    : "The job has to cope with it.";
        };
    }
}
