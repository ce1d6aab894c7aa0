package io.snapsim.runtime.task;

import io.snapsim.runtime.protocol.TaskCommand;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/** A task actor's own mailbox, as its parts see it: its context and its timers. Confined to the owning task. */
final class ActorMailbox implements TaskMailbox {
    private final ActorContext<TaskCommand> context;
    private final TimerScheduler<TaskCommand> timers;

    ActorMailbox(ActorContext<TaskCommand> context, TimerScheduler<TaskCommand> timers) {
        this.context = context;
        this.timers = timers;
    }

    @Override
    public void tellSelf(TaskCommand message) {
        context.getSelf().tell(message);
    }

    @Override
    public void tellSelfAfter(String timerKey, TaskCommand message, long delayMillis) {
        timers.startSingleTimer(timerKey, message, Duration.ofMillis(delayMillis));
    }

    @Override
    public <T> void pipeToSelf(CompletionStage<T> work, BiFunction<T, Throwable, TaskCommand> adapt) {
        context.pipeToSelf(work, adapt::apply);
    }
}
