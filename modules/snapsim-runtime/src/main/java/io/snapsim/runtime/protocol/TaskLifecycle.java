package io.snapsim.runtime.protocol;

import java.util.List;
import java.util.SortedMap;
import org.apache.pekko.actor.typed.ActorRef;

/** The job master and its tasks: wiring, start and stop one way, how a task ended the other. */
public final class TaskLifecycle {
    private TaskLifecycle() {
    }

    /** The receiving end of each output channel and the sending end of each input channel. */
    public record Wire(List<List<OutputTarget>> outputsByEdge, List<InputSender> inputs) implements TaskCommand {
    }

    /** A downstream task and the channel index this task has there. */
    public record OutputTarget(ActorRef<TaskCommand> target, int channelAtTarget) {
    }

    /**
     * An upstream task, the index of the output channel it uses for this task (to return credits),
     * and its name as the history calls it.
     */
    public record InputSender(ActorRef<TaskCommand> sender, int outputChannelAtSender, String senderTask) {
    }

    /** Restore, open the operators and start processing (sources start emitting). */
    public record Start() implements TaskCommand {
    }

    /**
     * Stop-with-savepoint: stop after everything already in the mailbox (in particular the savepoint's
     * completion notice, so sinks commit it), then confirm to the master.
     */
    public record StopGracefully(int attempt) implements TaskCommand {
    }

    /** Asks for a one-line description of the task's state, for diagnosing a stalled job. */
    public record DescribeTask(ActorRef<String> replyTo) implements TaskCommand {
    }

    /** A task of {@code attempt} failed; {@code faultIndex} is the planned fault that made it fail, or -1. */
    public record TaskFailed(int attempt, TaskKey task, String message, int faultIndex) implements MasterCommand {
    }

    /** A task of {@code attempt} finished: its final keyed state (operator, state, key, value) and counts. */
    public record TaskFinished(int attempt, TaskKey task,
                               SortedMap<String, SortedMap<String, SortedMap<String, Object>>> finalKeyedState,
                               long sourceRecords, long sinkRecords, long recordsSent) implements MasterCommand {
    }

    /** A task stopped after stop-with-savepoint. */
    public record TaskStopped(int attempt, TaskKey task) implements MasterCommand {
    }
}
