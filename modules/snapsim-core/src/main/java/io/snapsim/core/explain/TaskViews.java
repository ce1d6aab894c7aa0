package io.snapsim.core.explain;

import io.snapsim.core.history.FaultInjected;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.TaskEvents;

/** How each task event changes its {@link TaskView}. Stateless. */
final class TaskViews {
    private TaskViews() {
    }

    static void apply(TaskView task, HistoryEvent event, JobView job) {
        if (event.attempt() < task.attempt() || event instanceof FaultInjected) {
            return; // a late event of an attempt that is over, or a fault (the task's own events follow)
        }
        if (event instanceof TaskEvents.Lifecycle l) {
            task.phase(l.phase());
        } else if (event instanceof TaskEvents.Wired w) {
            task.wired(w.inputs().stream().map(TaskEvents.ChannelSender::task).toList(),
                    w.inputs().stream().map(TaskEvents.ChannelSender::output).toList());
            w.inputs().forEach(sender -> job.task(sender.task(), w.attempt()).outputTo(sender.output(), w.actor()));
        } else if (event instanceof TaskEvents.Restored r) {
            task.restored(r.checkpoint());
        } else if (event instanceof TaskEvents.BarrierReceived b) {
            task.barrierIn(b.checkpoint(), b.channel(), b.records(), b.time());
        } else if (event instanceof TaskEvents.BarrierSent b) {
            task.barrierOut(b.checkpoint(), b.channel(), b.records(), b.time());
        } else if (event instanceof TaskEvents.AlignmentStarted a) {
            task.alignmentStarted(a.checkpoint(), a.time());
        } else if (event instanceof TaskEvents.AlignmentCompleted || event instanceof TaskEvents.AlignmentAborted) {
            task.alignmentEnded();
        } else if (event instanceof TaskEvents.ChannelBlocked c) {
            task.blocked(c.channel(), true);
        } else if (event instanceof TaskEvents.ChannelUnblocked c) {
            task.blocked(c.channel(), false);
        } else if (event instanceof TaskEvents.EndOfPartitionReceived e) {
            task.ended(e.channel());
        } else if (event instanceof TaskEvents.Snapshot s) {
            task.snapshot(new TaskView.LastSnapshot(s.checkpoint(), s.time(), s.records(), s.sourcePositions()));
        } else if (event instanceof TaskEvents.Acknowledged a) {
            job.acknowledged(a);
        } else {
            applySink(task, event);
        }
    }

    private static void applySink(TaskView task, HistoryEvent event) {
        if (event instanceof TaskEvents.SinkPrecommitted p) {
            task.precommitted(p.checkpoint(), p.transaction());
        } else if (event instanceof TaskEvents.SinkCommitted c) {
            task.transactionEnded(c.transaction());
        } else if (event instanceof TaskEvents.SinkAborted a) {
            task.transactionEnded(a.transaction());
        }
    }
}
