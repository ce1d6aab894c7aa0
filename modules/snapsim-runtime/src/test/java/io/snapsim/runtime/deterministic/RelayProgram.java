package io.snapsim.runtime.deterministic;

import io.snapsim.core.time.Clock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small actor program for determinism tests: nodes pass relay chains among themselves, and each
 * node starts three timers due at the same instant plus a periodic beat; every timer starts a new
 * chain. Every step appends a line (virtual time, node, chain, hops left) to a shared trace. Runs
 * on the driver thread only, so the trace needs no locking.
 */
final class RelayProgram {
    static final int HOPS = 6;
    static final int BEATS = 4;
    static final List<String> SAME_INSTANT_TIMERS = List.of("a", "b", "c");

    private final int nodes;
    private final List<String> trace = new ArrayList<>();
    private final AtomicInteger finishedChains = new AtomicInteger();
    private Clock clock;

    RelayProgram(int nodes) {
        this.nodes = nodes;
    }

    /** The guardian; pass the run's clock before the first step. */
    Behavior<Void> guardian() {
        return Behaviors.setup(this::start);
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }

    List<String> trace() {
        return trace;
    }

    boolean finished() {
        return finishedChains.get() == nodes * (1 + SAME_INSTANT_TIMERS.size() + BEATS);
    }

    private Behavior<Void> start(ActorContext<Void> context) {
        List<ActorRef<Node.Command>> refs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            int index = i;
            refs.add(context.spawn(Behaviors.<Node.Command>withTimers(
                    timers -> Behaviors.setup(ctx -> new Node(ctx, timers, index))), "node-" + i));
        }
        for (ActorRef<Node.Command> ref : refs) {
            ref.tell(new Node.Peers(List.copyOf(refs)));
        }
        for (int i = 0; i < nodes; i++) {
            refs.get(i).tell(new Node.Hop("start-" + i, HOPS));
        }
        return Behaviors.empty();
    }

    private final class Node extends AbstractBehavior<Node.Command> {
        sealed interface Command permits Peers, Hop, Tick {}

        record Peers(List<ActorRef<Command>> refs) implements Command {}

        record Hop(String chain, int hopsLeft) implements Command {}

        private record Tick(String key) implements Command {}

        private final TimerScheduler<Command> timers;
        private final int index;
        private List<ActorRef<Command>> peers = List.of();
        private int beats;

        Node(ActorContext<Command> context, TimerScheduler<Command> timers, int index) {
            super(context);
            this.timers = timers;
            this.index = index;
        }

        @Override
        public Receive<Command> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Peers.class, this::onPeers)
                    .onMessage(Hop.class, this::onHop)
                    .onMessage(Tick.class, this::onTick)
                    .build();
        }

        private Behavior<Command> onPeers(Peers message) {
            peers = message.refs();
            for (String key : SAME_INSTANT_TIMERS) {
                timers.startSingleTimer(key, new Tick(key), Duration.ofMillis(100));
            }
            timers.startTimerAtFixedRate("beat", new Tick("beat"), Duration.ofMillis(250));
            return this;
        }

        private Behavior<Command> onHop(Hop hop) {
            record("hop " + hop.chain() + " " + hop.hopsLeft());
            if (hop.hopsLeft() == 0) {
                finishedChains.incrementAndGet();
            } else {
                peers.get((index + hop.hopsLeft()) % peers.size()).tell(new Hop(hop.chain(), hop.hopsLeft() - 1));
            }
            return this;
        }

        private Behavior<Command> onTick(Tick tick) {
            record("tick " + tick.key());
            if (tick.key().equals("beat") && ++beats == BEATS) {
                timers.cancel("beat");
            }
            peers.get((index + 1) % peers.size()).tell(new Hop("node-" + index + ":" + tick.key() + beats, HOPS));
            return this;
        }

        private void record(String what) {
            trace.add(clock.millis() + " node-" + index + " " + what);
        }
    }
}
