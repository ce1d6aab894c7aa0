package io.snapsim.core.sim;

import io.snapsim.core.sim.FaultPlans.PlanContext;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The source of one random plan's values: a generator seeded with the plan's seed and what is known
 * of the job. Each value a {@link FaultType} asks for consumes the generator, so the order of the
 * questions is part of what a seed draws. Every value lands where a fault can happen: subtasks
 * that exist, records within the estimate, checkpoints 1..{@link PlanContext#maxCheckpoint()},
 * times within the horizon.
 *
 * <p>Confined to the thread drawing the plan.
 */
final class FaultDraw {

    private final SplittableRandom random;
    private final PlanContext ctx;

    FaultDraw(SplittableRandom random, PlanContext ctx) {
        this.random = random;
        this.ctx = ctx;
    }

    /** What the plan is drawn for. */
    PlanContext context() {
        return ctx;
    }

    /** Heads or tails. */
    boolean coin() {
        return random.nextBoolean();
    }

    /** A number in {@code [0, bound)}. */
    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    <T> T pick(T[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** A subtask of {@code operator}. */
    int subtask(String operator) {
        return random.nextInt(ctx.operatorParallelism().get(operator));
    }

    /** A record number within the estimate of {@code operator}'s records per subtask. */
    long record(String operator) {
        return 1 + random.nextLong(ctx.recordsPerSubtaskEstimate().get(operator));
    }

    long checkpoint() {
        return 1 + random.nextInt(ctx.maxCheckpoint());
    }

    /** A time of the job's clock within the horizon. */
    long time() {
        return random.nextLong(ctx.horizonMillis());
    }

    /** An extra delay: up to the whole horizon, so that it can outlast a checkpoint interval or two. */
    long duration() {
        return 1 + random.nextLong(ctx.horizonMillis());
    }
}
