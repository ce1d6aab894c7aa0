package io.snapsim.runtime.job;

import io.snapsim.core.job.JobStatus;
import io.snapsim.runtime.job.MasterMessages.JournalReady;
import io.snapsim.runtime.protocol.JobControl.Cancel;
import io.snapsim.runtime.protocol.JobControl.TriggerSavepointNow;
import io.snapsim.runtime.protocol.MasterCommand;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The first phase: the completed-checkpoint store's journal is being prepared, and nothing else
 * runs yet. Once it is ready the coordinator starts; if it cannot be opened the job fails before
 * it started. A cancel now ends the job at once; a savepoint has nobody to take it.
 */
final class WaitingForJournal extends MasterPhase {

    WaitingForJournal(JobMaster master) {
        super(master);
    }

    @Override
    String name() {
        return "waiting for the journal";
    }

    @Override
    public Receive<MasterCommand> createReceive() {
        return dropping(everyPhase(newReceiveBuilder()
                .onMessage(JournalReady.class, this::onJournalReady)
                .onMessage(Cancel.class, this::onCancel)), TriggerSavepointNow.class)
                .build();
    }

    private Behavior<MasterCommand> onJournalReady(JournalReady ready) {
        if (ready.failure() != null) {
            return master.endBeforeStart(JobStatus.FAILED, "cannot open the checkpoint store's journal: " + ready.failure());
        }
        master.startCoordinator();
        return new StartingCoordinator(master);
    }

    private Behavior<MasterCommand> onCancel(Cancel cancel) {
        master.cancelTasks();
        return master.endBeforeStart(JobStatus.CANCELED, cancel.reason());
    }
}
