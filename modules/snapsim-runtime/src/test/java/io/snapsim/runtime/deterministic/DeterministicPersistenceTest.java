package io.snapsim.runtime.deterministic;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pekko persistence (typed) with the in-memory journal, driven by the deterministic runtime. */
class DeterministicPersistenceTest {
    private static final Config IN_MEMORY_JOURNAL = ConfigFactory.parseString("""
            pekko.persistence.journal.plugin = "pekko.persistence.journal.inmem"
            pekko.persistence.snapshot-store.plugin = "pekko.persistence.no-snapshot-store"
            """);
    private static final long NO_HORIZON = Long.MAX_VALUE;
    private static final long MAX_STEPS = 10_000_000;
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

    private final List<DeterministicRuntime<?>> started = new ArrayList<>();

    @AfterEach
    void shutDownEverything() {
        started.forEach(DeterministicRuntime::shutdown);
    }

    private <T> DeterministicRuntime<T> start(String name, Behavior<T> guardian, long seed) {
        DeterministicRuntime<T> runtime = DeterministicRuntime.create(name, guardian, seed, IN_MEMORY_JOURNAL);
        started.add(runtime);
        return runtime;
    }

    /** Asks and drives the run until the answer is in: the pattern a deterministic test kit would use. */
    private static <Q, A> A ask(DeterministicRuntime<?> runtime, ActorRef<Q> target,
            java.util.function.Function<ActorRef<A>, Q> request) {
        CompletableFuture<A> answer = AskPattern.ask(target, request::apply, ASK_TIMEOUT,
                runtime.system().scheduler()).toCompletableFuture();
        assertThat(runtime.runUntil(answer::isDone, NO_HORIZON, MAX_STEPS)).isTrue();
        return answer.join();
    }

    private static ActorRef<CounterEntity.Command> spawn(DeterministicRuntime<SpawnProtocol.Command> runtime,
            String persistenceId, String actorName) {
        return ask(runtime, runtime.system(), (ActorRef<ActorRef<CounterEntity.Command>> replyTo) ->
                new SpawnProtocol.Spawn<>(CounterEntity.create(persistenceId), actorName, Props.empty(), replyTo));
    }

    @Test
    void persistsEventsAndReplies() {
        DeterministicRuntime<SpawnProtocol.Command> runtime = start("persisting", SpawnProtocol.create(), 1);
        ActorRef<CounterEntity.Command> counter = spawn(runtime, "counter-1", "counter-1");

        Integer afterFirst = ask(runtime, counter, (ActorRef<Integer> replyTo) -> new CounterEntity.Add(5, replyTo));
        Integer afterSecond = ask(runtime, counter, (ActorRef<Integer> replyTo) -> new CounterEntity.Add(7, replyTo));

        assertThat(afterFirst).isEqualTo(5);
        assertThat(afterSecond).isEqualTo(12);
    }

    @Test
    void recoversPersistedEventsInANewIncarnation() {
        DeterministicRuntime<SpawnProtocol.Command> runtime = start("recovering", SpawnProtocol.create(), 2);
        ActorRef<CounterEntity.Command> first = spawn(runtime, "counter-r", "first");
        ask(runtime, first, (ActorRef<Integer> replyTo) -> new CounterEntity.Add(5, replyTo));
        ask(runtime, first, (ActorRef<Integer> replyTo) -> new CounterEntity.Add(7, replyTo));
        first.tell(new CounterEntity.Stop());
        runtime.runUntil(() -> false, NO_HORIZON, MAX_STEPS);

        ActorRef<CounterEntity.Command> second = spawn(runtime, "counter-r", "second");

        assertThat(ask(runtime, second, (ActorRef<Integer> replyTo) -> new CounterEntity.Get(replyTo))).isEqualTo(12);
    }

    @Test
    void leavesNoJournalTimerPendingOnceIdle() {
        DeterministicRuntime<SpawnProtocol.Command> runtime = start("idle", SpawnProtocol.create(), 3);
        ActorRef<CounterEntity.Command> counter = spawn(runtime, "counter-i", "counter-i");
        ask(runtime, counter, (ActorRef<Integer> replyTo) -> new CounterEntity.Add(1, replyTo));

        runtime.runUntil(() -> false, NO_HORIZON, MAX_STEPS);

        assertThat(runtime.scheduler().pendingTimers()).isZero();
        assertThat(runtime.clock().millis()).isZero();
    }

    @Test
    void runsThePluginsOnTheDriverWithoutThreadsOfTheirOwn() {
        DeterministicRuntime<SpawnProtocol.Command> runtime = start("pluginthreads", SpawnProtocol.create(), 4);
        ActorRef<CounterEntity.Command> counter = spawn(runtime, "counter-t", "counter-t");
        ask(runtime, counter, (ActorRef<Integer> replyTo) -> new CounterEntity.Add(1, replyTo));

        List<String> pluginThreads = Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("pluginthreads") && !name.contains("logger-dispatcher"))
                .toList();

        assertThat(pluginThreads).isEmpty();
    }

    @Test
    void replaysTheSameHistoryForTheSameSeed() {
        List<String> first = clientHistory(31);

        assertThat(first).hasSize(CLIENTS * ENTITIES * ADDS_PER_CLIENT);
        assertThat(clientHistory(31)).isEqualTo(first);
        assertThat(List.of(32L, 33L, 34L, 35L)).anySatisfy(seed -> assertThat(clientHistory(seed)).isNotEqualTo(first));
    }

    private static final int CLIENTS = 3;
    private static final int ENTITIES = 2;
    private static final int ADDS_PER_CLIENT = 3;

    /**
     * Several clients add to several counters at once; each reply (client, counter, total) goes to
     * the history. Which client's add lands first at a counter depends on the interleaving.
     */
    private List<String> clientHistory(long seed) {
        List<String> history = new ArrayList<>();
        Behavior<Void> guardian = Behaviors.setup(context -> {
            List<ActorRef<CounterEntity.Command>> counters = new ArrayList<>();
            for (int e = 0; e < ENTITIES; e++) {
                counters.add(context.spawn(CounterEntity.create("history-" + seed + "-" + e), "counter-" + e));
            }
            for (int c = 0; c < CLIENTS; c++) {
                String client = "client-" + c;
                for (int e = 0; e < ENTITIES; e++) {
                    String entity = "counter-" + e;
                    ActorRef<Integer> replies = context.spawn(Behaviors.<Integer>receiveMessage(total -> {
                        history.add(client + " " + entity + " " + total);
                        return Behaviors.same();
                    }), client + "-" + entity);
                    for (int a = 1; a <= ADDS_PER_CLIENT; a++) {
                        counters.get(e).tell(new CounterEntity.Add(a * (c + 1), replies));
                    }
                }
            }
            return Behaviors.empty();
        });
        DeterministicRuntime<Void> runtime = start("history", guardian, seed);
        runtime.runUntil(() -> history.size() == CLIENTS * ENTITIES * ADDS_PER_CLIENT, NO_HORIZON, MAX_STEPS);
        runtime.shutdown();
        return history;
    }
}
