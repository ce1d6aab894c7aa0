package io.snapsim.runtime.task;

import io.snapsim.core.api.functions.KeySelector;
import io.snapsim.core.graph.Partitioning;
import io.snapsim.core.operators.Output;
import io.snapsim.core.state.KeyGroups;
import io.snapsim.runtime.protocol.ChannelEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The network output of a task: routes each record to a channel of every output edge by the
 * edge's partitioning (forward, by key group, round-robin). Confined to the owning task.
 */
final class RecordRouter implements Output {
    /** One output edge and its channels, indexed by downstream subtask. */
    record Route(Partitioning partitioning, KeySelector<Object, Object> keySelector, int targetMaxParallelism,
                 OutputChannel[] channels) {
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
