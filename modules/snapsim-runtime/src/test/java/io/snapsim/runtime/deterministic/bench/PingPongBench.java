package io.snapsim.runtime.deterministic.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import io.snapsim.runtime.deterministic.DeterministicRuntime;

/**
 * Measures how many messages per second of wall time the driver sustains for a ping-pong with one
 * message in flight, against the same program on Pekko's normal dispatcher. The pinger times itself
 * from its first ping to its last pong, so actor system start-up is not counted. Each figure is
 * the median of three runs after two warm-up runs, with the spread. A benchmark, not a test: run it
 * with {@code scripts/bench-pingpong}; wall-clock speed depends on the machine.
 */
public final class PingPongBench {
    private static final int ROUND_TRIPS = 300_000;
    private static final int WARM_UPS = 2;
    private static final int MEASURED_RUNS = 3;

    record Ping(ActorRef<Pong> replyTo) {}

    record Pong() {}

    /** Answers every ping. */
    private static Behavior<Ping> ponger() {
        return Behaviors.receiveMessage(ping -> {
            ping.replyTo().tell(new Pong());
            return Behaviors.same();
        });
    }

    /** Sends the next ping on every pong until it has seen {@code roundTrips} of them. */
    private static final class Pinger extends AbstractBehavior<Pong> {
        private final ActorRef<Ping> ponger;
        private final int roundTrips;
        private final CompletableFuture<Long> elapsedNanos;
        private final long startNanos;
        private int pongs;

        Pinger(ActorContext<Pong> context, ActorRef<Ping> ponger, int roundTrips, CompletableFuture<Long> elapsedNanos) {
            super(context);
            this.ponger = ponger;
            this.roundTrips = roundTrips;
            this.elapsedNanos = elapsedNanos;
            this.startNanos = System.nanoTime();
            ponger.tell(new Ping(context.getSelf()));
        }

        @Override
        public Receive<Pong> createReceive() {
            return newReceiveBuilder().onMessage(Pong.class, this::onPong).build();
        }

        private Behavior<Pong> onPong(Pong pong) {
            if (++pongs == roundTrips) {
                elapsedNanos.complete(System.nanoTime() - startNanos);
            } else {
                ponger.tell(new Ping(getContext().getSelf()));
            }
            return this;
        }
    }

    private static Behavior<Void> pingPong(int roundTrips, CompletableFuture<Long> elapsedNanos) {
        return Behaviors.setup(context -> {
            ActorRef<Ping> ponger = context.spawn(ponger(), "ponger");
            context.spawn(Behaviors.<Pong>setup(ctx -> new Pinger(ctx, ponger, roundTrips, elapsedNanos)), "pinger");
            return Behaviors.empty();
        });
    }

    /** Wall-clock messages per second of one deterministic run. */
    private static double deterministicRate(Config extra) {
        CompletableFuture<Long> elapsedNanos = new CompletableFuture<>();
        DeterministicRuntime<Void> runtime =
                DeterministicRuntime.create("pingpong", pingPong(ROUND_TRIPS, elapsedNanos), 1, extra);
        try {
            if (!runtime.runUntil(elapsedNanos::isDone, Long.MAX_VALUE, Long.MAX_VALUE)) {
                throw new IllegalStateException("the ping-pong did not finish");
            }
            return messagesPerSecond(elapsedNanos.join());
        } finally {
            runtime.shutdown();
        }
    }

    /** Wall-clock messages per second of one run on Pekko's normal dispatcher and scheduler. */
    private static double liveRate() {
        CompletableFuture<Long> elapsedNanos = new CompletableFuture<>();
        ActorSystem<Void> system = ActorSystem.create(pingPong(ROUND_TRIPS, elapsedNanos), "pingpong-live");
        try {
            return messagesPerSecond(elapsedNanos.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    private static double messagesPerSecond(long nanos) {
        return 2.0 * ROUND_TRIPS / (nanos / 1e9);
    }

    /** The measured runs' rates after the warm-ups, sorted. */
    private static double[] rates(DoubleSupplier run) {
        for (int i = 0; i < WARM_UPS; i++) {
            run.getAsDouble();
        }
        double[] rates = new double[MEASURED_RUNS];
        for (int i = 0; i < MEASURED_RUNS; i++) {
            rates[i] = run.getAsDouble();
        }
        Arrays.sort(rates);
        return rates;
    }

    private static void print(String what, double[] rates) {
        System.out.printf(Locale.ROOT, "  %-38s median %,12.0f messages/s   (min %,.0f, max %,.0f)%n", what,
                rates[rates.length / 2], rates[0], rates[rates.length - 1]);
    }

    public static void main(String[] args) {
        Config throughputFive = ConfigFactory.parseString("pekko.actor.default-dispatcher.throughput = 5");
        System.out.printf(Locale.ROOT, "ping-pong, %d round trips, one message in flight, %d runs after %d warm-ups:%n",
                ROUND_TRIPS, MEASURED_RUNS, WARM_UPS);
        print("deterministic driver (throughput 1):", rates(() -> deterministicRate(ConfigFactory.empty())));
        print("deterministic driver (throughput 5):", rates(() -> deterministicRate(throughputFive)));
        print("normal dispatcher:", rates(PingPongBench::liveRate));
    }
}
