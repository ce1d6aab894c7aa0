package io.snapsim.core.sim;

import io.snapsim.core.sim.FaultPlans.Channel;
import io.snapsim.core.sim.FaultPlans.PlanContext;
import io.snapsim.core.sim.Faults.NetworkFault;
import io.snapsim.core.sim.Faults.NetworkKind;
import io.snapsim.core.sim.Shrinker.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code network}: the channels from one operator to another deliver late, stall, lose a batch or
 * reorder two. Every kind is drawn by its own name ({@code network.delay}); the model-breaking drop
 * and reorder only when named.
 */
final class NetworkFaultType extends FaultType<NetworkFault> {

    static final NetworkFaultType INSTANCE = new NetworkFaultType();

    private static final List<String> KEYS = List.of("kind", "from", "to", "at-time", "delay");

    private NetworkFaultType() {
        super(NetworkFault.TYPE, NetworkFault.class);
    }

    @Override
    NetworkFault read(FaultReading body) {
        FaultReading.Fields fields = body.fields(KEYS,
                "a mapping such as {kind: delay, from: source, to: counter, at-time: 0, delay: 20}");
        NetworkKind kind = fields.required("kind").choice(NetworkKind.class);
        String from = fields.required("from").nonBlankText();
        SpecNode toNode = fields.required("to");
        String to = toNode.nonBlankText();
        if (from.equals(to)) {
            throw toNode.error("'from' and 'to' are both '" + to + "'; a channel joins two different operators");
        }
        SpecNode timeNode = fields.get("at-time");
        long atTime = timeNode.isAbsent() ? 0 : FaultReading.millis(timeNode);
        SpecNode delayNode = fields.get("delay");
        Long delay = null;
        if (kind.takesDelay()) {
            if (delayNode.isAbsent()) {
                throw delayNode.error("missing (required for " + yamlName(kind) + ": "
                        + (kind == NetworkKind.DELAY ? "how late each batch arrives" : "how long nothing is delivered")
                        + ", e.g. '20 ms')");
            }
            delay = FaultReading.positiveMillis(delayNode);
        } else if (!delayNode.isAbsent()) {
            throw delayNode.error("applies only to delay and stall, not to " + yamlName(kind));
        }
        return new NetworkFault(kind, from, to, atTime, delay);
    }

    @Override
    List<DrawnKind> drawnKinds() {
        List<DrawnKind> kinds = new ArrayList<>();
        for (NetworkKind kind : NetworkKind.values()) {
            kinds.add(kind(kind, kind.breaksModel() ? Group.MODEL_BREAKING : Group.DEFAULT));
        }
        return kinds;
    }

    @Override
    boolean canPlace(PlanContext ctx) {
        return !ctx.channels().isEmpty();
    }

    @Override
    NetworkFault draw(String kind, FaultDraw draw) {
        NetworkKind networkKind = constantOf(kind, NetworkKind.class);
        Channel channel = draw.pick(draw.context().channels());
        long atTime = draw.time();
        Long delay = networkKind.takesDelay() ? draw.duration() : null;
        return new NetworkFault(networkKind, channel.from(), channel.to(), atTime, delay);
    }

    @Override
    void describe(NetworkFault network, FaultFields fields) {
        fields.choice("kind", network.kind()).put("from", network.from()).put("to", network.to())
                .put("at-time", network.atTime()).put("delay", network.delay());
    }

    @Override
    List<Position> positions(NetworkFault n) {
        return List.of(Position.time(n.atTime(), v -> new NetworkFault(n.kind(), n.from(), n.to(), v, n.delay())));
    }

    @Override
    void arm(NetworkFault network, FaultTargets targets) {
        targets.parallelismOf(network.from(), "from");
        targets.parallelismOf(network.to(), "to");
        targets.disturbChannels(network);
    }
}
