package io.snapsim.runtime.coordinator;

import io.snapsim.runtime.fault.CoordinatorFaultInjector;
import io.snapsim.runtime.fault.StorageFaultInjector;
import io.snapsim.runtime.services.RuntimeServices;

/**
 * The parts a coordinator with checkpointing on is made of, wired once its store has answered.
 * Every phase after loading works with the same parts; a phase change keeps them. Confined to the
 * coordinator actor.
 */
record CoordinatorParts(Basics basics, TriggerTimer trigger, SavepointRequests savepoints, MetadataAssembler assembler,
                        CheckpointCleaner cleaner, Aborts aborts, Completions completions,
                        CoordinatorFaultInjector crashes, StorageFaultInjector storageFaults) {

    /** Wires the parts of a coordinator whose core and tasks {@code basics} holds. */
    static CoordinatorParts wire(Basics basics, CheckpointCoordinatorActor.Settings settings, RuntimeServices services,
                                 SharedStateTracker sharedState, StoreLink store) {
        TriggerTimer trigger = new TriggerTimer(basics, settings.storage());
        SavepointRequests savepoints = new SavepointRequests(basics, trigger, sharedState, settings, services.random());
        CheckpointCleaner cleaner = new CheckpointCleaner(basics, settings, sharedState, store);
        Aborts aborts = new Aborts(basics, trigger, cleaner);
        Completions completions = new Completions(basics, sharedState, savepoints, aborts, cleaner, store);
        return new CoordinatorParts(basics, trigger, savepoints, new MetadataAssembler(settings, services.ioExecutor()),
                cleaner, aborts, completions, new CoordinatorFaultInjector(settings.faults(), services),
                new StorageFaultInjector(settings.faults(), services));
    }
}
