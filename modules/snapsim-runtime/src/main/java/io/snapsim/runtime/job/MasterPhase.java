package io.snapsim.runtime.job;

import io.snapsim.runtime.job.MasterMessages.Diagnosed;
import io.snapsim.runtime.protocol.JobControl.Diagnose;
import io.snapsim.runtime.protocol.MasterCommand;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ReceiveBuilder;

/**
 * One phase of the job master's life: a behaviour that handles the messages that mean something in
 * that phase and drops those that are stale there. Every message that may reach a phase is
 * registered, if only to be dropped: Pekko publishes an unhandled message to the event stream, an
 * extra step that would change the schedule of a deterministic run. What phases share (the job's
 * actors and bookkeeping, the effects) is the {@link JobMaster}.
 *
 * <p>Confined to the actor, as every behaviour.
 */
abstract class MasterPhase extends AbstractBehavior<MasterCommand> {
    protected final JobMaster master;

    MasterPhase(JobMaster master) {
        super(master.context());
        this.master = master;
    }

    /** The phase, as a diagnosis names it. */
    abstract String name();

    /** Registers the messages every phase handles alike: a diagnosis and its answers. */
    protected final ReceiveBuilder<MasterCommand> everyPhase(ReceiveBuilder<MasterCommand> builder) {
        return builder.onMessage(Diagnose.class, this::onDiagnose)
                .onMessage(Diagnosed.class, this::onDiagnosed);
    }

    /** Registers {@code stale}: messages that mean nothing in this phase. */
    @SafeVarargs
    protected final ReceiveBuilder<MasterCommand> dropping(ReceiveBuilder<MasterCommand> builder,
                                                           Class<? extends MasterCommand>... stale) {
        for (Class<? extends MasterCommand> type : stale) {
            builder.onMessage(type, this::drop);
        }
        return builder;
    }

    private Behavior<MasterCommand> drop(MasterCommand stale) {
        return this;
    }

    private Behavior<MasterCommand> onDiagnose(Diagnose diagnose) {
        master.diagnose(diagnose, name());
        return this;
    }

    private Behavior<MasterCommand> onDiagnosed(Diagnosed diagnosed) {
        master.diagnosed(diagnosed);
        return this;
    }
}
