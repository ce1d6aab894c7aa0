package io.snapsim.core.history;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Planned fault {@code fault} (its index in the run's plan) took effect: a crash, a failed or slow
 * write, a channel fault once in effect, a crash or damage by the coordinator, or a planned cancel
 * or savepoint. Written by whoever performed it.
 *
 * @param kind       what it did, as the plan names it: {@code crash}, {@code fail-write}, {@code network.delay}, ...
 * @param target     what it hit: a subtask such as {@code sum#0}, {@code coordinator}, a channel, a checkpoint
 * @param phase      where in a checkpoint it struck ({@code before-snapshot}, {@code after-ack}, ...), or null
 * @param checkpoint the checkpoint it is tied to, or null
 * @param detail     what happened, in words
 */
@JsonTypeName("fault-injected")
public record FaultInjected(long time, String actor, int attempt, int fault, String kind, String target, String phase,
                            Long checkpoint, String detail) implements HistoryEvent {
}
