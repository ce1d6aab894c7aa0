package io.snapsim.runtime.task;

import io.snapsim.core.history.TaskEvents;
import io.snapsim.runtime.plan.JobPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code task-wired} event of a task: which task is at the other end of each of its input and
 * output channels, named as the history names tasks ({@code sum->sink#0}). Drawn from the plan alone,
 * in the channel order the gate and the router use, so that the channel numbers of barrier and
 * alignment events can be read as names. Stateless.
 */
final class WiredEvent {
    private WiredEvent() {
    }

    static TaskEvents.Wired of(TaskSpec spec, TaskHistory history) {
        JobPlan plan = spec.plan();
        int vertex = spec.vertex().id();
        List<String> inputs = new ArrayList<>();
        for (JobPlan.InputChannel c : plan.inputChannels(vertex, spec.subtask())) {
            inputs.add(plan.vertex(c.edge().from()).name() + "#" + c.upstreamSubtask());
        }
        List<String> outputs = new ArrayList<>();
        for (JobPlan.Edge e : plan.outputsOf(vertex)) {
            for (int target : plan.targetsOf(e, spec.subtask())) {
                outputs.add(plan.vertex(e.to()).name() + "#" + target);
            }
        }
        return new TaskEvents.Wired(history.now(), history.actor(), history.attempt(), inputs, outputs);
    }
}
