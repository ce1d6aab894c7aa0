package io.snapsim.core.sim;

import io.snapsim.core.sim.Faults.CheckpointPhase;
import io.snapsim.core.sim.Faults.CoordinatorPhase;
import io.snapsim.core.sim.Faults.NetworkKind;
import io.snapsim.core.sim.Faults.StorageKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Fault plans drawn from a seed, and fault plans written back as simulation-file YAML.
 *
 * <p>{@link #random} draws faults with a {@link SplittableRandom} seeded with the seed alone, from
 * what it knows of the job ({@link PlanContext}), so the same seed and context always give the same
 * plan, on any machine and in any JVM: the context is read in a fixed order (operators by uid,
 * kinds in catalogue order), never in a hash order. Every drawn fault names an existing operator
 * and subtask, and places itself where it can happen: records within the estimate, checkpoints
 * 1..{@link PlanContext#maxCheckpoint()}, times within the horizon.
 *
 * <p>Stateless; any thread may call it.
 */
public final class FaultPlans {

    /** The fewest and most task managers a drawn task-manager crash spreads the subtasks over. */
    private static final int MIN_TASK_MANAGERS = 2;
    private static final int MAX_TASK_MANAGERS = 4;

    /** Seeds of the second and later {@code random} items of one plan are this far apart (the golden gamma). */
    private static final long SEED_STRIDE = 0x9E3779B97F4A7C15L;

    private static final Pattern PLAIN_SCALAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");

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
        Objects.requireNonNull(ctx, "ctx");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        for (String kind : kinds) {
            if (!RandomFaults.ALL_KINDS.contains(kind)) {
                throw new IllegalArgumentException("unknown fault kind '" + kind + "'");
            }
        }
        List<String> usable = new ArrayList<>();
        for (String kind : RandomFaults.ALL_KINDS) {
            if (kinds.contains(kind) && canPlace(kind, ctx)) {
                usable.add(kind);
            }
        }
        if (usable.isEmpty() && count > 0) {
            throw new IllegalArgumentException("none of the fault kinds " + kinds + " can be placed in this job"
                    + (ctx.checkpointing() ? "" : " (checkpointing is off)"));
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<FaultSpec> plan = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            plan.add(draw(usable.get(random.nextInt(usable.size())), random, ctx));
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

    private static boolean canPlace(String kind, PlanContext ctx) {
        if (kind.equals(CrashFault.TYPE)) {
            return ctx.checkpointing() || !ctx.recordTargets().isEmpty();
        }
        if (kind.equals(Faults.CrashAt.TYPE) || kind.equals(Faults.CrashOperator.TYPE)
                || kind.equals(Faults.CrashTaskManager.TYPE)) {
            return true;
        }
        if (kind.startsWith(Faults.NetworkFault.TYPE + ".")) {
            return !ctx.channels().isEmpty();
        }
        if (kind.equals(Faults.SinkCommitFails.TYPE)) {
            return ctx.checkpointing() && !ctx.sinks().isEmpty();
        }
        return ctx.checkpointing();
    }

    private static FaultSpec draw(String kind, SplittableRandom random, PlanContext ctx) {
        if (kind.startsWith(Faults.StorageFault.TYPE + ".")) {
            return drawStorage(enumConstant(StorageKind.class, qualifierOf(kind)), random, ctx);
        }
        if (kind.startsWith(Faults.NetworkFault.TYPE + ".")) {
            return drawNetwork(enumConstant(NetworkKind.class, qualifierOf(kind)), random, ctx);
        }
        return switch (kind) {
            case CrashFault.TYPE -> drawCrash(random, ctx);
            case Faults.CrashAt.TYPE -> drawCrashAt(random, ctx);
            case Faults.CrashOperator.TYPE -> drawCrashOperator(random, ctx);
            case Faults.CrashTaskManager.TYPE -> drawCrashTaskManager(random, ctx);
            case Faults.CrashCoordinator.TYPE ->
                    new Faults.CrashCoordinator(checkpoint(random, ctx), pick(random, CoordinatorPhase.values()));
            case Faults.SinkCommitFails.TYPE -> drawSinkCommitFails(random, ctx);
            default -> throw new IllegalArgumentException("unknown fault kind '" + kind + "'");
        };
    }

    /** {@code fail-write} of {@code storage.fail-write}. */
    private static String qualifierOf(String kind) {
        return kind.substring(kind.indexOf('.') + 1);
    }

    private static Faults.SinkCommitFails drawSinkCommitFails(SplittableRandom random, PlanContext ctx) {
        String sink = pick(random, ctx.sinks());
        return new Faults.SinkCommitFails(sink, subtask(random, ctx, sink), checkpoint(random, ctx));
    }

    private static CrashFault drawCrash(SplittableRandom random, PlanContext ctx) {
        boolean atRecord = !ctx.recordTargets().isEmpty() && (!ctx.checkpointing() || random.nextBoolean());
        if (atRecord) {
            String operator = pick(random, ctx.recordTargets());
            return CrashFault.atRecord(operator, subtask(random, ctx, operator), record(random, ctx, operator));
        }
        String operator = pick(random, ctx.operators());
        return CrashFault.atCheckpoint(operator, subtask(random, ctx, operator), checkpoint(random, ctx));
    }

    private static Faults.CrashAt drawCrashAt(SplittableRandom random, PlanContext ctx) {
        String operator = pick(random, ctx.operators());
        int subtask = subtask(random, ctx, operator);
        if (ctx.checkpointing() && random.nextBoolean()) {
            return new Faults.CrashAt(operator, subtask, checkpoint(random, ctx), pick(random, CheckpointPhase.values()), null);
        }
        return new Faults.CrashAt(operator, subtask, null, null, time(random, ctx));
    }

    /** Which position a fault is placed at. */
    private enum Trigger { RECORD, CHECKPOINT, TIME }

    private static Faults.CrashOperator drawCrashOperator(SplittableRandom random, PlanContext ctx) {
        List<Trigger> triggers = new ArrayList<>();
        if (!ctx.recordTargets().isEmpty()) {
            triggers.add(Trigger.RECORD);
        }
        if (ctx.checkpointing()) {
            triggers.add(Trigger.CHECKPOINT);
        }
        triggers.add(Trigger.TIME);
        Trigger trigger = pick(random, triggers);
        if (trigger == Trigger.RECORD) {
            String operator = pick(random, ctx.recordTargets());
            return new Faults.CrashOperator(operator, record(random, ctx, operator), null, null);
        }
        String operator = pick(random, ctx.operators());
        return trigger == Trigger.CHECKPOINT
                ? new Faults.CrashOperator(operator, null, checkpoint(random, ctx), null)
                : new Faults.CrashOperator(operator, null, null, time(random, ctx));
    }

    private static Faults.CrashTaskManager drawCrashTaskManager(SplittableRandom random, PlanContext ctx) {
        int taskManagers = MIN_TASK_MANAGERS + random.nextInt(MAX_TASK_MANAGERS - MIN_TASK_MANAGERS + 1);
        int taskManager = random.nextInt(taskManagers);
        if (ctx.checkpointing() && random.nextBoolean()) {
            return new Faults.CrashTaskManager(taskManager, taskManagers, null, checkpoint(random, ctx));
        }
        return new Faults.CrashTaskManager(taskManager, taskManagers, time(random, ctx), null);
    }

    private static Faults.StorageFault drawStorage(StorageKind kind, SplittableRandom random, PlanContext ctx) {
        long checkpoint = checkpoint(random, ctx);
        boolean write = kind == StorageKind.FAIL_WRITE || kind == StorageKind.SLOW_WRITE;
        String operator = write && random.nextBoolean() ? pick(random, ctx.operators()) : null;
        Long delay = kind == StorageKind.SLOW_WRITE ? duration(random, ctx) : null;
        return new Faults.StorageFault(kind, checkpoint, operator, delay);
    }

    private static Faults.NetworkFault drawNetwork(NetworkKind kind, SplittableRandom random, PlanContext ctx) {
        Channel channel = pick(random, ctx.channels());
        long atTime = time(random, ctx);
        Long delay = kind == NetworkKind.DELAY || kind == NetworkKind.STALL ? duration(random, ctx) : null;
        return new Faults.NetworkFault(kind, channel.from(), channel.to(), atTime, delay);
    }

    private static int subtask(SplittableRandom random, PlanContext ctx, String operator) {
        return random.nextInt(ctx.operatorParallelism().get(operator));
    }

    private static long record(SplittableRandom random, PlanContext ctx, String operator) {
        return 1 + random.nextLong(ctx.recordsPerSubtaskEstimate().get(operator));
    }

    private static long checkpoint(SplittableRandom random, PlanContext ctx) {
        return 1 + random.nextInt(ctx.maxCheckpoint());
    }

    private static long time(SplittableRandom random, PlanContext ctx) {
        return random.nextLong(ctx.horizonMillis());
    }

    /** An extra delay: up to the whole horizon, so that it can outlast a checkpoint interval or two. */
    private static long duration(SplittableRandom random, PlanContext ctx) {
        return 1 + random.nextLong(ctx.horizonMillis());
    }

    private static <T> T pick(SplittableRandom random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static <T> T pick(SplittableRandom random, T[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static <E extends Enum<E>> E enumConstant(Class<E> type, String yamlName) {
        return Enum.valueOf(type, yamlName.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    // ------------------------------------------------------------------ YAML

    /**
     * The plan as a simulation file writes it: {@code faults:} and one flow mapping per fault,
     * fields in the documented order, times and delays in milliseconds. The text can be pasted into
     * a simulation file or given to {@code snapsim run --faults-from}; reading it back gives the
     * same plan.
     */
    public static String toYaml(List<FaultSpec> plan) {
        if (plan.isEmpty()) {
            return "faults: []\n";
        }
        StringBuilder yaml = new StringBuilder("faults:\n");
        for (FaultSpec fault : plan) {
            yaml.append("  - ").append(describe(fault)).append('\n');
        }
        return yaml.toString();
    }

    /**
     * One fault in its simulation-file form, as a single line: {@code crash: {operator: counter,
     * subtask: 1, at-record: 40000}}. An optional fault carries {@code optional: true}.
     */
    public static String describe(FaultSpec fault) {
        List<String> pairs = new ArrayList<>();
        fieldsOf(fault).forEach((key, value) -> pairs.add(key + ": " + yamlValue(value)));
        return fault.type() + ": {" + String.join(", ", pairs) + "}";
    }

    /**
     * The fields of one fault as a simulation file names them, in the documented order, absent
     * ones left out: numbers as {@link Long} or {@link Integer}, choices as their file spelling,
     * {@code stop} and {@code optional} as {@link Boolean}, random kinds as a list of names. This is
     * also the fault's typed form in {@code summary.json}.
     */
    public static Map<String, Object> fieldsOf(FaultSpec fault) {
        Fields f = new Fields();
        FaultSpec planned = fault.planned();
        if (planned instanceof CrashFault crash) {
            f.put("operator", crash.operator()).put("subtask", crash.subtask())
                    .put("at-record", crash.atRecord()).put("at-checkpoint", crash.atCheckpoint());
        } else if (planned instanceof Faults.CrashAt crash) {
            f.put("operator", crash.operator()).put("subtask", crash.subtask())
                    .put("at-checkpoint", crash.atCheckpoint()).choice("phase", crash.phase())
                    .put("at-time", crash.atTime());
        } else if (planned instanceof Faults.CrashOperator crash) {
            f.put("operator", crash.operator()).put("at-record", crash.atRecord())
                    .put("at-checkpoint", crash.atCheckpoint()).put("at-time", crash.atTime());
        } else if (planned instanceof Faults.CrashTaskManager crash) {
            f.put("task-manager", crash.taskManager()).put("task-managers", crash.taskManagers())
                    .put("at-time", crash.atTime()).put("at-checkpoint", crash.atCheckpoint());
        } else if (planned instanceof Faults.CrashCoordinator crash) {
            f.put("at-checkpoint", crash.atCheckpoint()).choice("phase", crash.phase());
        } else if (planned instanceof Faults.StorageFault storage) {
            f.choice("kind", storage.kind()).put("at-checkpoint", storage.atCheckpoint())
                    .put("operator", storage.operator()).put("subtask", storage.subtask()).put("delay", storage.delay());
        } else if (planned instanceof Faults.NetworkFault network) {
            f.choice("kind", network.kind()).put("from", network.from()).put("to", network.to())
                    .put("at-time", network.atTime()).put("delay", network.delay());
        } else if (planned instanceof Faults.SinkCommitFails sink) {
            f.put("operator", sink.operator()).put("subtask", sink.subtask())
                    .put("at-checkpoint", sink.atCheckpoint());
        } else if (planned instanceof Faults.Savepoint savepoint) {
            f.put("after-checkpoints", savepoint.afterCheckpoints()).put("at-time", savepoint.atTime());
            if (savepoint.stop()) {
                f.put("stop", true);
            }
        } else if (planned instanceof Faults.Cancel cancel) {
            f.put("after-checkpoints", cancel.afterCheckpoints()).put("at-time", cancel.atTime());
        } else if (planned instanceof RandomFaults randomFaults) {
            f.put("count", randomFaults.count());
            if (!randomFaults.kinds().equals(RandomFaults.DEFAULT_KINDS)) {
                f.put("kinds", List.copyOf(randomFaults.kinds()));
            }
        } else {
            throw new IllegalArgumentException("no YAML form for " + fault);
        }
        if (fault instanceof OptionalFault optional && optional.reason() == OptionalFault.Reason.MARKED_OPTIONAL) {
            f.put("optional", true);
        }
        return Collections.unmodifiableMap(f.values);
    }

    private static String yamlValue(Object value) {
        if (value instanceof String text) {
            return scalar(text);
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(v -> scalar(String.valueOf(v))).toList()) + "]";
        }
        return String.valueOf(value);
    }

    /** Collects a fault's fields in order, skipping absent values. */
    private static final class Fields {
        final Map<String, Object> values = new LinkedHashMap<>();

        Fields put(String key, Object value) {
            if (value != null) {
                values.put(key, value);
            }
            return this;
        }

        Fields choice(String key, Enum<?> value) {
            return put(key, value == null ? null : RandomFaults.yamlName(value));
        }
    }

    /** A name as a YAML scalar: plain when it reads back as the same text, double-quoted otherwise. */
    private static String scalar(String text) {
        if (PLAIN_SCALAR.matcher(text).matches() && !YAML_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
            return text;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
