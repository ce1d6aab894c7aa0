package io.snapsim.core.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fault plans drawn from a seed, and fault plans written back as simulation-file YAML (by
 * {@link FaultYaml}).
 *
 * <p>{@link #random} draws faults with a {@link SplittableRandom} seeded with the seed alone, from
 * what it knows of the job ({@link PlanContext}), so the same seed and context always give the same
 * plan, on any machine and in any JVM: the context is read in a fixed order (operators by uid,
 * kinds in catalogue order, {@link FaultTypes}), never in a hash order. It picks the kind of each
 * fault; the kind's {@link FaultType} draws its values. Every drawn fault names an existing operator
 * and subtask, and places itself where it can happen: records within the estimate, checkpoints
 * 1..{@link PlanContext#maxCheckpoint()}, times within the horizon.
 *
 * <p>Stateless; any thread may call it.
 */
public final class FaultPlans {

    /** Seeds of the second and later {@code random} items of one plan are this far apart (the golden gamma). */
    private static final long SEED_STRIDE = 0x9E3779B97F4A7C15L;

    private FaultPlans() {
    }

    /** A channel between two operators, as a network fault names it: every channel from {@code from}'s subtasks to {@code to}'s. */
    public record Channel(String from, String to) {
        public Channel {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (from.equals(to)) {
                throw new IllegalArgumentException("a channel joins two different operators: " + from);
            }
        }
    }

    /**
     * What a random plan may be drawn from.
     *
     * @param operatorParallelism       every operator's uid and parallelism, at least one
     * @param recordsPerSubtaskEstimate about how many records each subtask of an operator processes; an operator
     *                                  that is absent (a source) or has 0 is never crashed at a record
     * @param checkpointing             whether the run takes checkpoints; without, nothing is placed at a checkpoint
     * @param maxCheckpoint             the highest checkpoint id to place a fault at (at least 1 with checkpointing)
     * @param horizonMillis             about how long the run lasts on the job's clock; times are drawn below it
     * @param channels                  the channels between operators, for network faults; a sink is an operator
     *                                  that channels lead to and none leave
     */
    public record PlanContext(Map<String, Integer> operatorParallelism, Map<String, Long> recordsPerSubtaskEstimate,
                              boolean checkpointing, int maxCheckpoint, long horizonMillis, List<Channel> channels) {

        public PlanContext {
            operatorParallelism = Collections.unmodifiableMap(new TreeMap<>(operatorParallelism));
            recordsPerSubtaskEstimate = Collections.unmodifiableMap(new TreeMap<>(recordsPerSubtaskEstimate));
            Set<Channel> sortedChannels = new TreeSet<>(Comparator.comparing(Channel::from).thenComparing(Channel::to));
            sortedChannels.addAll(channels);
            channels = List.copyOf(sortedChannels);
            if (operatorParallelism.isEmpty()) {
                throw new IllegalArgumentException("a plan needs at least one operator");
            }
            operatorParallelism.forEach((uid, parallelism) -> {
                if (parallelism < 1) {
                    throw new IllegalArgumentException("operator '" + uid + "' has parallelism " + parallelism);
                }
            });
            for (Map.Entry<String, Long> estimate : recordsPerSubtaskEstimate.entrySet()) {
                if (!operatorParallelism.containsKey(estimate.getKey()) || estimate.getValue() < 0) {
                    throw new IllegalArgumentException("bad record estimate " + estimate);
                }
            }
            for (Channel channel : channels) {
                if (!operatorParallelism.containsKey(channel.from()) || !operatorParallelism.containsKey(channel.to())) {
                    throw new IllegalArgumentException("channel " + channel + " names an unknown operator");
                }
            }
            if (checkpointing && maxCheckpoint < 1) {
                throw new IllegalArgumentException("maxCheckpoint must be at least 1 with checkpointing: " + maxCheckpoint);
            }
            if (horizonMillis < 1) {
                throw new IllegalArgumentException("horizonMillis must be at least 1: " + horizonMillis);
            }
        }

        /** A context without channels: no network fault and no sink-commit fault can be drawn. */
        public PlanContext(Map<String, Integer> operatorParallelism, Map<String, Long> recordsPerSubtaskEstimate,
                           boolean checkpointing, int maxCheckpoint, long horizonMillis) {
            this(operatorParallelism, recordsPerSubtaskEstimate, checkpointing, maxCheckpoint, horizonMillis, List.of());
        }

        /** Operators that channels lead to and none leave, by uid. */
        public List<String> sinks() {
            List<String> sinks = new ArrayList<>();
            for (String uid : operatorParallelism.keySet()) {
                boolean fed = channels.stream().anyMatch(c -> c.to().equals(uid));
                boolean feeds = channels.stream().anyMatch(c -> c.from().equals(uid));
                if (fed && !feeds) {
                    sinks.add(uid);
                }
            }
            return sinks;
        }

        /** Operators with a record estimate of at least 1, by uid: those a crash may hit at a record. */
        List<String> recordTargets() {
            return recordsPerSubtaskEstimate.entrySet().stream().filter(e -> e.getValue() >= 1)
                    .map(Map.Entry::getKey).toList();
        }

        List<String> operators() {
            return List.copyOf(operatorParallelism.keySet());
        }
    }

    /** {@code count} faults of the kinds drawn by default ({@link RandomFaults#DEFAULT_KINDS}), drawn from {@code seed}. */
    public static List<FaultSpec> random(long seed, int count, PlanContext ctx) {
        return random(seed, count, ctx, RandomFaults.DEFAULT_KINDS);
    }

    /**
     * {@code count} faults drawn from {@code seed}, each of a kind picked uniformly from those of
     * {@code kinds} (names of {@link RandomFaults#ALL_KINDS}) that the context allows: kinds placed
     * at a checkpoint need checkpointing, network kinds need a channel, a sink-commit fault a sink.
     *
     * @throws IllegalArgumentException if none of {@code kinds} can be placed in this job
     */
    public static List<FaultSpec> random(long seed, int count, PlanContext ctx, Set<String> kinds) {
        return random(seed, count, ctx, kinds, FaultTypes.CATALOGUE);
    }

    /** As {@link #random(long, int, PlanContext, Set)}, drawing the kinds of {@code types}. */
    static List<FaultSpec> random(long seed, int count, PlanContext ctx, Set<String> kinds, FaultTypes types) {
        Objects.requireNonNull(ctx, "ctx");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        for (String kind : kinds) {
            if (!types.allKinds().contains(kind)) {
                throw new IllegalArgumentException("unknown fault kind '" + kind + "'");
            }
        }
        List<String> usable = new ArrayList<>();
        for (String kind : types.allKinds()) {
            if (kinds.contains(kind) && types.drawing(kind).canPlace(ctx)) {
                usable.add(kind);
            }
        }
        if (usable.isEmpty() && count > 0) {
            throw new IllegalArgumentException("none of the fault kinds " + kinds + " can be placed in this job"
                    + (ctx.checkpointing() ? "" : " (checkpointing is off)"));
        }
        FaultDraw draw = new FaultDraw(new SplittableRandom(seed), ctx);
        List<FaultSpec> plan = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String kind = draw.pick(usable);
            plan.add(types.drawing(kind).draw(kind, draw));
        }
        return List.copyOf(plan);
    }

    /**
     * The plan with every {@link RandomFaults} item replaced by the faults it stands for, in place;
     * other faults are kept. The first such item draws from {@code seed} itself, so that a plan of
     * one {@code random: {count: k}} is {@code random(seed, k, ctx)}; later ones from seeds derived
     * from it. Each drawn fault is an {@link OptionalFault} (drawn at random): where a draw lands,
     * it may never fire, and that does not make the run untested.
     */
    public static List<FaultSpec> expand(List<FaultSpec> faults, long seed, PlanContext ctx) {
        List<FaultSpec> expanded = new ArrayList<>();
        long itemSeed = seed;
        for (FaultSpec fault : faults) {
            if (fault instanceof RandomFaults randomFaults) {
                random(itemSeed, randomFaults.count(), ctx, randomFaults.kinds())
                        .forEach(drawn -> expanded.add(OptionalFault.drawn(drawn)));
                itemSeed += SEED_STRIDE;
            } else {
                expanded.add(fault);
            }
        }
        return List.copyOf(expanded);
    }

    /** True when the plan has a {@link RandomFaults} item, i.e. its faults depend on the seed. */
    public static boolean isRandom(List<FaultSpec> faults) {
        return faults.stream().anyMatch(RandomFaults.class::isInstance);
    }

    /**
     * The plan as a simulation file writes it: {@code faults:} and one flow mapping per fault,
     * fields in the documented order, times and delays in milliseconds. The text can be pasted into
     * a simulation file or given to {@code snapsim run --faults-from}; reading it back gives the
     * same plan.
     */
    public static String toYaml(List<FaultSpec> plan) {
        return FaultYaml.toYaml(plan);
    }

    /**
     * One fault in its simulation-file form, as a single line: {@code crash: {operator: counter,
     * subtask: 1, at-record: 40000}}. An optional fault carries {@code optional: true}.
     */
    public static String describe(FaultSpec fault) {
        return FaultYaml.describe(fault);
    }

    /**
     * The fields of one fault as a simulation file names them, in the documented order, absent
     * ones left out: numbers as {@link Long} or {@link Integer}, choices as their file spelling,
     * {@code stop} and {@code optional} as {@link Boolean}, random kinds as a list of names. This is
     * also the fault's typed form in {@code summary.json}.
     */
    public static Map<String, Object> fieldsOf(FaultSpec fault) {
        return FaultYaml.fieldsOf(fault);
    }
}
