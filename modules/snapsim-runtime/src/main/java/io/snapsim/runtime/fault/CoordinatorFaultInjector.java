package io.snapsim.runtime.fault;

import io.snapsim.core.history.FaultInjected;
import io.snapsim.runtime.protocol.MasterCoordination.CoordinatorCrashed;
import io.snapsim.runtime.services.RuntimeServices;
import java.util.List;
import java.util.Optional;

/**
 * The seam where planned crashes of the checkpoint coordinator strike: after it wrote a
 * checkpoint's {@code _metadata}, or after its store recorded the checkpoint and before any task
 * was told. A crash is recorded as a {@link FaultInjected} event; the coordinator then stops and
 * hands the returned {@link CoordinatorCrashed} to the master, which restarts it.
 *
 * <p>Holds the crash faults of one coordinator incarnation (the master leaves out those that fired
 * already). Confined to the coordinator actor.
 */
public final class CoordinatorFaultInjector {
    private static final String ACTOR = "coordinator";

    private final List<CoordinatorFault> crashes;
    private final RuntimeServices services;

    /** @param faults the coordinator's planned faults; those that damage checkpoints are not this seam's */
    public CoordinatorFaultInjector(List<CoordinatorFault> faults, RuntimeServices services) {
        this.crashes = faults.stream().filter(f -> f.kind().isCrash()).toList();
        this.services = services;
    }

    /** A crash planned once the metadata of checkpoint {@code checkpointId} is written, recorded; or empty. */
    public Optional<CoordinatorCrashed> afterMetadata(long checkpointId, int attempt) {
        return crash(checkpointId, CoordinatorFault.Kind.CRASH_AFTER_METADATA, attempt);
    }

    /** A crash planned once the store recorded checkpoint {@code checkpointId}, recorded; or empty. */
    public Optional<CoordinatorCrashed> beforeNotify(long checkpointId, int attempt) {
        return crash(checkpointId, CoordinatorFault.Kind.CRASH_BEFORE_NOTIFY, attempt);
    }

    private Optional<CoordinatorCrashed> crash(long checkpointId, CoordinatorFault.Kind kind, int attempt) {
        for (CoordinatorFault f : crashes) {
            if (f.kind() == kind && f.atCheckpoint() == checkpointId) {
                boolean afterMetadata = kind == CoordinatorFault.Kind.CRASH_AFTER_METADATA;
                String message = "injected crash of the checkpoint coordinator (fault " + f.faultIndex() + ") "
                        + (afterMetadata ? "after writing the metadata of checkpoint "
                        : "before notifying the completion of checkpoint ") + checkpointId;
                services.record(new FaultInjected(services.now(), ACTOR, attempt, f.faultIndex(), "crash-coordinator",
                        ACTOR, afterMetadata ? "after-metadata" : "before-notify", checkpointId, message));
                return Optional.of(new CoordinatorCrashed(f.faultIndex(), message));
            }
        }
        return Optional.empty();
    }
}
