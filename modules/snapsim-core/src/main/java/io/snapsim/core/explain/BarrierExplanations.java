package io.snapsim.core.explain;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.TaskEvents;
import java.util.List;

/** Explanations of barriers on channels, alignment and channel ends: how the cut travels through the job. Stateless. */
final class BarrierExplanations {
    private BarrierExplanations() {
    }

    static void register(Rules.Registry rules) {
        rules.add(TaskEvents.BarrierReceived.class, BarrierExplanations::received);
        rules.add(TaskEvents.BarrierSent.class, BarrierExplanations::sent);
        rules.add(TaskEvents.AlignmentStarted.class, (e, job, facts) -> e.actor() + " starts aligning checkpoint "
                + e.checkpoint() + ": each input channel that delivers barrier " + e.checkpoint() + " is blocked until"
                + " the barrier has arrived on all " + task(job, e).openChannels() + " open channels.");
        rules.add(TaskEvents.ChannelBlocked.class, (e, job, facts) -> e.actor() + " blocks " + channel(job, e, e.channel())
                + ": the records behind barrier " + e.checkpoint() + " on it belong after the cut, so " + e.actor()
                + " must not process them before its snapshot; they wait in the channel (and upstream feels backpressure).");
        rules.add(TaskEvents.ChannelUnblocked.class, (e, job, facts) -> e.actor() + " reads " + channel(job, e, e.channel())
                + " again: its snapshot of checkpoint " + e.checkpoint() + " is taken" + (e.held() == 0
                ? "; nothing arrived on it behind the barrier while it was blocked."
                : ", and the " + Words.count(e.held(), "record") + " held back behind the barrier are processed now;"
                + " they count for the next checkpoint."));
        rules.add(TaskEvents.AlignmentCompleted.class, (e, job, facts) -> "barrier " + e.checkpoint() + " is in on every"
                + " open input of " + e.actor() + " after " + e.durationMillis() + " ms of alignment: " + e.actor()
                + " takes its snapshot now, then forwards the barrier.");
        rules.add(TaskEvents.AlignmentAborted.class, (e, job, facts) -> e.actor() + " gives up aligning checkpoint "
                + e.checkpoint() + " (" + e.reason() + "): it unblocks its channels and takes no snapshot for it.");
        rules.add(TaskEvents.CancelMarkerReceived.class, (e, job, facts) -> "a cancellation marker for checkpoint "
                + e.checkpoint() + " arrived on " + e.actor() + "'s " + task(job, e).inputChannel(e.channel())
                + ": the checkpoint was given up upstream, so " + e.actor() + " stops waiting for its barriers.");
        rules.add(TaskEvents.EndOfPartitionReceived.class, (e, job, facts) -> task(job, e).inputChannel(e.channel())
                + " of " + e.actor() + " ended: the upstream task sent all it had. An ended channel counts as aligned,"
                + " so later checkpoints no longer wait for it.");
    }

    private static TaskView task(JobView job, HistoryEvent e) {
        return job.task(e.actor()).orElseGet(() -> new TaskView(e.actor(), e.attempt()));
    }

    private static String channel(JobView job, HistoryEvent e, int channel) {
        return task(job, e).inputName(channel);
    }

    private static String received(TaskEvents.BarrierReceived e, JobView job, RunFacts facts) {
        return receivedOnChannel(e, job, facts) + unreliable(e, job);
    }

    /**
     * What the sender's side of the cut says when it differs from the receiver's: records the
     * channel lost or delivered out of order, which no snapshot can make up for.
     */
    private static String unreliable(TaskEvents.BarrierReceived e, JobView job) {
        TaskView task = task(job, e);
        if (e.channel() >= task.inputs().size()) {
            return "";
        }
        String sender = task.inputs().get(e.channel());
        return job.task(sender).filter(s -> s.name().equals(sender)).map(s -> {
            TaskView.Cut sent = s.outputCuts().get(task.senderOutput(e.channel()));
            if (sent == null || sent.checkpoint() != e.checkpoint() || sent.records() == e.records()) {
                return "";
            }
            return " But " + sender + " sent " + Words.count(sent.records(), "record") + " before this barrier on that"
                    + " channel: the channel " + (sent.records() > e.records() ? "lost " + (sent.records() - e.records()) + " of them"
                    : "delivered " + (e.records() - sent.records()) + " records from after the barrier before it")
                    + ". Channels must be reliable and FIFO for the cut to be consistent, and this one is not.";
        }).orElse("");
    }

    private static String receivedOnChannel(TaskEvents.BarrierReceived e, JobView job, RunFacts facts) {
        TaskView task = task(job, e);
        String who = e.actor();
        String where = channel(job, e, e.channel());
        String cut = " after " + Words.count(e.records(), "record") + " on it";
        List<Integer> waiting = task.waitingFor(e.checkpoint()).stream().filter(c -> c != e.channel()).toList();
        if (task.openChannels() <= 1) {
            return "barrier " + e.checkpoint() + " reached " + who + " on its only open channel (" + task.inputChannel(e.channel())
                    + ")" + cut + ": with nothing to align, " + who + " snapshots at once and forwards the barrier.";
        }
        if (!facts.aligned()) {
            return "barrier " + e.checkpoint() + " reached " + who + " on " + where + cut + ". In AT_LEAST_ONCE mode "
                    + who + " keeps reading that channel: records behind the barrier may enter the snapshot of "
                    + e.checkpoint() + " and be replayed after a restore, which counts them twice"
                    + (waiting.isEmpty() ? "; the barrier is now in from every input, so " + who + " snapshots." : ".");
        }
        if (waiting.isEmpty()) {
            return "barrier " + e.checkpoint() + " arrived at " + who + " on " + where + cut + ", the last of its "
                    + task.openChannels() + " open channels: every input has delivered it, so alignment is complete.";
        }
        if (!Long.valueOf(e.checkpoint()).equals(task.aligning())) {
            return "barrier " + e.checkpoint() + " reached " + who + " on " + where + " first," + cut + "; " + who
                    + " stops reading that channel until barrier " + e.checkpoint() + " arrives on its other inputs (from "
                    + Words.list(task.upstreamOf(waiting)) + "): this is alignment.";
        }
        return "barrier " + e.checkpoint() + " arrived at " + who + " on " + where + cut + "; " + who
                + " still waits for it from " + Words.list(task.upstreamOf(waiting)) + ".";
    }

    private static String sent(TaskEvents.BarrierSent e, JobView job, RunFacts facts) {
        TaskView task = task(job, e);
        String where = task.outputName(e.channel());
        String cut = " after " + Words.count(e.records(), "record") + ": the records before it are covered by checkpoint "
                + e.checkpoint() + ", the records after it by the next one.";
        if (task.inputs().isEmpty()) {
            return e.actor() + ", a source, sends barrier " + e.checkpoint() + " on " + where + cut;
        }
        return e.actor() + " forwards barrier " + e.checkpoint() + " on " + where + cut;
    }
}
