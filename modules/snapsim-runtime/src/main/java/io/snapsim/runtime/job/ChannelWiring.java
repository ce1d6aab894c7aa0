package io.snapsim.runtime.job;

import io.snapsim.runtime.plan.JobPlan;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.protocol.TaskKey;
import io.snapsim.runtime.protocol.TaskLifecycle.InputSender;
import io.snapsim.runtime.protocol.TaskLifecycle.OutputTarget;
import io.snapsim.runtime.protocol.TaskLifecycle.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Who sends to whom on every channel of a plan. For a task it gives the receiving end of each of
 * its output channels (grouped by output edge, in the plan's edge order, then by target subtask)
 * and the sending end of each of its input channels (in the receiver's channel-index order). Both
 * ends name the index the channel has at the other end: records carry the receiver's index, and
 * credits return to the sender's output channel. Pure and immutable; computed from the plan alone.
 */
final class ChannelWiring {

    /** The receiving end of an output channel: the downstream task and the channel's index there. */
    record Output(TaskKey target, int channelAtTarget) {
    }

    /** The sending end of an input channel: the upstream task, the channel's output index there, and the task's name. */
    record Input(TaskKey sender, int outputChannelAtSender, String senderTask) {
    }

    /** Both ends of every channel of one task. */
    record TaskWiring(List<List<Output>> outputsByEdge, List<Input> inputs) {
        TaskWiring {
            outputsByEdge = outputsByEdge.stream().map(List::copyOf).toList();
            inputs = List.copyOf(inputs);
        }

        /** The wiring message for the task, with the actors of the attempt in place of their keys. */
        Wire toWire(Map<TaskKey, ActorRef<TaskCommand>> actors) {
            List<List<OutputTarget>> outputs = new ArrayList<>();
            for (List<Output> edge : outputsByEdge) {
                outputs.add(edge.stream().map(o -> new OutputTarget(actors.get(o.target()), o.channelAtTarget())).toList());
            }
            List<InputSender> senders = inputs.stream()
                    .map(i -> new InputSender(actors.get(i.sender()), i.outputChannelAtSender(), i.senderTask())).toList();
            return new Wire(outputs, senders);
        }
    }

    private final JobPlan plan;

    ChannelWiring(JobPlan plan) {
        this.plan = plan;
    }

    /** Both ends of every channel of {@code task}. */
    TaskWiring of(TaskKey task) {
        List<List<Output>> outputs = new ArrayList<>();
        for (JobPlan.Edge e : plan.outputsOf(task.vertex())) {
            List<Output> targets = new ArrayList<>();
            for (int target : plan.targetsOf(e, task.subtask())) {
                targets.add(new Output(new TaskKey(e.to(), target), plan.channelIndexAtReceiver(e, task.subtask(), target)));
            }
            outputs.add(targets);
        }
        List<Input> inputs = new ArrayList<>();
        for (JobPlan.InputChannel c : plan.inputChannels(task.vertex(), task.subtask())) {
            inputs.add(new Input(new TaskKey(c.edge().from(), c.upstreamSubtask()),
                    plan.channelIndexAtSender(c.edge(), c.upstreamSubtask(), task.subtask()),
                    plan.vertex(c.edge().from()).taskName(c.upstreamSubtask())));
        }
        return new TaskWiring(outputs, inputs);
    }
}
