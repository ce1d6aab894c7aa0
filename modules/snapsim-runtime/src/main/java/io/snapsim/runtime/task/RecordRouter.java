package io.snapsim.runtime.task;

import io.snapsim.core.api.functions.KeySelector;
import io.snapsim.core.graph.JobGraph.ResolvedNode;
import io.snapsim.core.graph.Partitioning;
import io.snapsim.core.operators.Output;
import io.snapsim.core.state.KeyGroups;
import io.snapsim.runtime.fault.ChannelFaultInjector;
import io.snapsim.runtime.fault.TaskFaultInjector;
import io.snapsim.runtime.plan.JobPlan;
import io.snapsim.runtime.protocol.ChannelEvent;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.protocol.TaskLifecycle.OutputTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * The network output of a task: routes each record to a channel of every output edge by the
 * edge's partitioning (forward, by key group, round-robin). Channels are numbered flat, edge after
 * edge, as credits address them. Confined to the owning task.
 */
final class RecordRouter implements Output {
    /** One output edge and its channels, indexed by downstream subtask. */
    record Route(Partitioning partitioning, KeySelector<Object, Object> keySelector, int targetMaxParallelism,
                 OutputChannel[] channels) {
    }

    /** Time to send what a delayed or stalled output channel holds. */
    record ReleaseChannel(int outputChannel) implements TaskCommand.Internal {
    }

    private final List<Route> routes;
    private final List<OutputChannel> all = new ArrayList<>();
    private final int[] roundRobin;

    RecordRouter(List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.roundRobin = new int[routes.size()];
        for (Route r : routes) {
            for (OutputChannel c : r.channels()) {
                all.add(c);
            }
        }
    }

    /**
     * The router of {@code spec}'s task, with a channel to each of {@code outputsByEdge} (per output
     * edge of the plan, the targets) and the planned network faults on them.
     *
     * @throws IllegalArgumentException if the wiring does not fit the plan's output edges
     */
    @SuppressWarnings("unchecked")
    static RecordRouter wire(TaskSpec spec, List<List<OutputTarget>> outputsByEdge, TaskFaultInjector faults,
                             TaskMailbox mailbox) {
        List<JobPlan.Edge> edges = spec.plan().outputsOf(spec.vertex().id());
        if (edges.size() != outputsByEdge.size()) {
            throw new IllegalArgumentException(spec.vertex().name() + " has " + edges.size()
                    + " output edges, but was wired to " + outputsByEdge.size());
        }
        List<Route> routes = new ArrayList<>();
        int flatChannels = 0;
        for (int e = 0; e < edges.size(); e++) {
            JobPlan.Edge edge = edges.get(e);
            JobPlan.Vertex target = spec.plan().vertex(edge.to());
            List<String> targetChain = target.chain().stream().map(ResolvedNode::uid).toList();
            List<OutputTarget> targets = outputsByEdge.get(e);
            OutputChannel[] channels = new OutputChannel[targets.size()];
            for (int t = 0; t < targets.size(); t++) {
                int flatIndex = flatChannels++;
                ChannelFaultInjector fault = faults.channelFault(targetChain, flatIndex, delay -> mailbox.tellSelfAfter(
                        "release-" + flatIndex, new ReleaseChannel(flatIndex), delay));
                channels[t] = new OutputChannel(targets.get(t).target(), targets.get(t).channelAtTarget(),
                        spec.batchSize(), spec.credits(), fault);
            }
            routes.add(new Route(edge.partitioning(), (KeySelector<Object, Object>) edge.keySelector(),
                    target.maxParallelism(), channels));
        }
        return new RecordRouter(routes);
    }

    @Override
    public void emit(Object record) {
        for (int i = 0; i < routes.size(); i++) {
            Route r = routes.get(i);
            OutputChannel[] channels = r.channels();
            switch (r.partitioning()) {
                case FORWARD -> channels[0].add(record);
                case REBALANCE -> {
                    channels[roundRobin[i]].add(record);
                    roundRobin[i] = (roundRobin[i] + 1) % channels.length;
                }
                case HASH -> {
                    Object key;
                    try {
                        key = r.keySelector().getKey(record);
                    } catch (Exception e) {
                        throw new TaskFailure("key selector failed on record " + record, e);
                    }
                    int keyGroup = KeyGroups.assignToKeyGroup(key, r.targetMaxParallelism());
                    channels[KeyGroups.subtaskForKeyGroup(r.targetMaxParallelism(), channels.length, keyGroup)].add(record);
                }
            }
        }
    }

    /** All channels, in the flat order credits are addressed by. */
    List<OutputChannel> channels() {
        return all;
    }

    /** The receiver of channel {@code outputChannel} has room for {@code credits} more batches. */
    void grant(int outputChannel, int credits) {
        all.get(outputChannel).grant(credits);
    }

    /** Sends what a network fault held back on channel {@code outputChannel} and is now due. */
    void release(int outputChannel) {
        all.get(outputChannel).releaseDue();
    }

    void flush() {
        for (OutputChannel c : all) {
            c.flush();
        }
    }

    void broadcast(ChannelEvent event) {
        for (OutputChannel c : all) {
            c.addEvent(event);
        }
    }

    boolean isBackpressured() {
        for (OutputChannel c : all) {
            if (c.isBackpressured()) {
                return true;
            }
        }
        return false;
    }

    /** True while a network fault holds some channel's messages back: the task must not stop yet. */
    boolean isHolding() {
        for (OutputChannel c : all) {
            if (c.isHolding()) {
                return true;
            }
        }
        return false;
    }

    long recordsSent() {
        long n = 0;
        for (OutputChannel c : all) {
            n += c.recordsSent();
        }
        return n;
    }
}
