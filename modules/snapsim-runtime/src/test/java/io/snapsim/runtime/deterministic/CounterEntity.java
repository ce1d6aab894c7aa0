package io.snapsim.runtime.deterministic;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/** An event-sourced counter for the persistence tests: adds amounts, replies with the new total. */
final class CounterEntity extends EventSourcedBehavior<CounterEntity.Command, CounterEntity.Added, Integer> {
    sealed interface Command permits Add, Get, Stop {}

    record Add(int amount, ActorRef<Integer> replyTo) implements Command {}

    record Get(ActorRef<Integer> replyTo) implements Command {}

    record Stop() implements Command {}

    record Added(int amount) {}

    static Behavior<Command> create(String id) {
        return new CounterEntity(PersistenceId.ofUniqueId(id));
    }

    private CounterEntity(PersistenceId persistenceId) {
        super(persistenceId);
    }

    @Override
    public Integer emptyState() {
        return 0;
    }

    @Override
    public CommandHandler<Command, Added, Integer> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Add.class, this::onAdd)
                .onCommand(Get.class, this::onGet)
                .onCommand(Stop.class, this::onStop)
                .build();
    }

    @Override
    public EventHandler<Integer, Added> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(Added.class, (total, added) -> total + added.amount())
                .build();
    }

    private Effect<Added, Integer> onAdd(Integer total, Add add) {
        return Effect().persist(new Added(add.amount())).thenReply(add.replyTo(), newTotal -> newTotal);
    }

    private Effect<Added, Integer> onGet(Integer total, Get get) {
        return Effect().reply(get.replyTo(), total);
    }

    private Effect<Added, Integer> onStop(Integer total, Stop stop) {
        return Effect().stop();
    }
}
