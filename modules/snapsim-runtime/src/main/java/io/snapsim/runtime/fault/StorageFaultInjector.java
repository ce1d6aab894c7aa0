package io.snapsim.runtime.fault;

import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.history.FaultInjected;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointDamaged;
import io.snapsim.runtime.services.RuntimeServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The seam where planned damage strikes the checkpoint storage: a completed checkpoint, once its
 * store recorded it and before any task is notified, has one of its state files or its
 * {@code _metadata} corrupted or deleted. The master then fails the job over, so that the restore
 * must detect the damage. (Damage after the sinks committed would make any fallback replay
 * committed output: that is at-least-once, not a fault the model tolerates.) When all of the
 * checkpoint's state is inline, a data fault damages {@code _metadata} instead.
 *
 * <p>Each firing is recorded as a {@link FaultInjected} event. Only ever touches files inside the
 * checkpoint's own folder. Confined to the coordinator actor.
 */
public final class StorageFaultInjector {
    private static final String ACTOR = "coordinator";

    private final List<CoordinatorFault> damages;
    private final RuntimeServices services;

    /** @param faults the coordinator's planned faults; the crashes are not this seam's */
    public StorageFaultInjector(List<CoordinatorFault> faults, RuntimeServices services) {
        this.damages = faults.stream().filter(f -> !f.kind().isCrash()).toList();
        this.services = services;
    }

    /**
     * Completed checkpoint {@code c} is durable: damages it on disk if that is planned, and returns
     * what to tell the master; empty when no damage is planned for it.
     */
    public Optional<CheckpointDamaged> checkpointStored(CompletedCheckpoint c, int attempt) {
        for (CoordinatorFault f : damages) {
            if (f.atCheckpoint() == c.checkpointId()) {
                return Optional.of(damage(f, c, attempt));
            }
        }
        return Optional.empty();
    }

    private CheckpointDamaged damage(CoordinatorFault f, CompletedCheckpoint c, int attempt) {
        Path metadata = Path.of(c.metadataPath());
        boolean data = f.kind() == CoordinatorFault.Kind.CORRUPT_DATA || f.kind() == CoordinatorFault.Kind.DELETE_DATA;
        Path target = data ? CheckpointDamage.dataFileOf(metadata.getParent(), f.operator(), f.subtask())
                .orElse(metadata) : metadata;
        boolean delete = f.kind() == CoordinatorFault.Kind.DELETE_DATA || f.kind() == CoordinatorFault.Kind.DELETE_METADATA;
        CheckpointDamage.damage(target, delete);
        String what = (delete ? "deleted " : "corrupted ") + (target.equals(metadata) ? "_metadata" : "state file "
                + metadata.getParent().relativize(target)) + " of completed checkpoint " + c.checkpointId()
                + (data && target.equals(metadata) ? " (the targeted state has no file of its own: it is inline)" : "");
        services.record(new FaultInjected(services.now(), ACTOR, attempt, f.faultIndex(), "storage."
                + f.kind().name().toLowerCase().replace('_', '-'), "checkpoint " + c.checkpointId(), null,
                c.checkpointId(), what));
        return new CheckpointDamaged(f.faultIndex(), "injected storage fault " + f.faultIndex() + ": " + what);
    }
}
