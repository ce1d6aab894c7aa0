package io.snapsim.runtime.task;

import io.snapsim.runtime.protocol.TaskCommand;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * What the parts of a task may do with the task's own mailbox: send it a message now, after a
 * delay, or when asynchronous work ends. The task actor implements it with its context and timers;
 * the parts never see the actor. Confined to the owning task.
 */
interface TaskMailbox {

    void tellSelf(TaskCommand message);

    /** Sends {@code message} after {@code delayMillis}, replacing a pending timer of the same key. */
    void tellSelfAfter(String timerKey, TaskCommand message, long delayMillis);

    /** Sends what {@code adapt} makes of the outcome of {@code work} once it completes. */
    <T> void pipeToSelf(CompletionStage<T> work, BiFunction<T, Throwable, TaskCommand> adapt);
}
