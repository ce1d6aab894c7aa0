package io.snapsim.runtime.fault;

import io.snapsim.core.time.Clock;
import io.snapsim.runtime.protocol.DataPlane;
import io.snapsim.runtime.protocol.TaskCommand;
import java.util.ArrayDeque;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Applies a network fault to one channel's deliveries. Delays and stalls keep the channel FIFO: a
 * message is never sent before one that was handed over earlier, so they stretch alignment without
 * breaking the model. DROP loses one data batch and REORDER swaps one data batch with the message
 * after it: both break Chandy-Lamport's assumption of FIFO, reliable channels, on purpose.
 *
 * <p>Wraps the deliveries of one output channel of a task: the channel hands every message to
 * {@link #deliver} instead of telling the target. Made by {@link TaskFaultInjector#channelFault}.
 * Confined to the owning task.
 */
public final class ChannelFaultInjector {
    private record Held(long due, TaskCommand message) {
    }

    private final ChannelFault fault;
    private final Clock clock;
    /** Asks the owning task to call {@link #releaseDue} after the given number of milliseconds. */
    private final LongConsumer wakeUpIn;
    /** Told once, when the fault first takes effect on this channel (a delay in effect counts). */
    private final Runnable onFirstEffect;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private TaskCommand swapped;
    private Effect effect = Effect.NONE;

    /** How far the fault got on this channel. */
    private enum Effect {
        /** Not in effect yet: nothing recorded. */
        NONE,
        /** In effect (a delay or stall holds messages back): recorded. */
        IN_EFFECT,
        /** A one-shot fault (drop, reorder) struck and is over: recorded, never again. */
        SPENT
    }

    /**
     * @param wakeUpIn      asks the owning task to call {@link #releaseDue} after the given number of milliseconds
     * @param onFirstEffect told once, when the fault first takes effect on this channel
     */
    public ChannelFaultInjector(ChannelFault fault, Clock clock, LongConsumer wakeUpIn, Runnable onFirstEffect) {
        this.fault = fault;
        this.clock = clock;
        this.wakeUpIn = wakeUpIn;
        this.onFirstEffect = onFirstEffect;
    }

    private void tookEffect() {
        if (effect == Effect.NONE) {
            effect = Effect.IN_EFFECT;
            onFirstEffect.run();
        }
    }

    private void spent() {
        tookEffect();
        effect = Effect.SPENT;
    }

    /** Sends {@code message} to {@code target} now, later, never or swapped, as the fault says. */
    public void deliver(ActorRef<TaskCommand> target, TaskCommand message) {
        long now = clock.millis();
        if (now < fault.atTime() && held.isEmpty()) {
            target.tell(message);
            return;
        }
        switch (fault.kind()) {
            case DELAY -> hold(now + fault.delay(), message);
            case STALL -> hold(Math.max(now, fault.atTime() + fault.delay()), message);
            case DROP -> {
                if (effect != Effect.SPENT && message instanceof DataPlane.DataBatch) {
                    spent(); // the batch is lost
                } else {
                    target.tell(message);
                }
            }
            case REORDER -> {
                if (effect != Effect.SPENT && swapped == null && message instanceof DataPlane.DataBatch) {
                    swapped = message; // held back: the next message overtakes it
                } else {
                    target.tell(message);
                    if (swapped != null) {
                        target.tell(swapped);
                        swapped = null;
                        spent();
                    }
                }
            }
        }
    }

    private void hold(long due, TaskCommand message) {
        tookEffect();
        long fifoDue = held.isEmpty() ? due : Math.max(due, held.peekLast().due());
        boolean wasEmpty = held.isEmpty();
        held.addLast(new Held(fifoDue, message));
        if (wasEmpty) {
            wakeUpIn.accept(Math.max(0, fifoDue - clock.millis()));
        }
    }

    /** Whether messages wait for a later delivery (held back, or swapped and not yet sent). */
    public boolean isHolding() {
        return !held.isEmpty() || swapped != null;
    }

    /** Sends what is due by now, in order; asks to be woken again for the rest. */
    public void releaseDue(ActorRef<TaskCommand> target) {
        long now = clock.millis();
        while (!held.isEmpty() && held.peekFirst().due() <= now) {
            target.tell(held.pollFirst().message());
        }
        if (!held.isEmpty()) {
            wakeUpIn.accept(Math.max(1, held.peekFirst().due() - now));
        }
    }
}
