package io.snapsim.core.sim;

import io.snapsim.core.sim.Faults.NetworkKind;
import io.snapsim.core.sim.Faults.StorageKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A placeholder for {@code count} faults drawn from the run's seed, written
 * {@code - random: {count: 3}} or {@code - random: {count: 3, kinds: [crash, storage]}}. It is not
 * injected itself: whoever runs the simulation replaces it with {@link FaultPlans#expand}, so the
 * same seed always gives the same faults.
 *
 * <p>Kinds are named by fault type ({@code crash}, {@code crash-at}, ...) and, for the types with a
 * {@code kind} field, by type and kind ({@code storage.fail-write}, {@code network.delay}). A type
 * name stands for the kinds of that type drawn by default: {@code network} means delay and stall,
 * {@code storage} means fail-write and slow-write. Two groups are drawn only when named:
 * <ul>
 *   <li>storage damage ({@code storage.damage}, or {@code storage.corrupt-data} and the other three
 *       one by one): a damaged completed checkpoint is survivable only while an older intact one is
 *       retained, which a draw cannot promise, so a run may end unrecoverable by construction;</li>
 *   <li>the model-breaking {@code network.drop} and {@code network.reorder}.</li>
 * </ul>
 * Without {@code kinds}, an item draws from {@link #DEFAULT_KINDS}: the faults a correctly
 * configured job survives whatever its retention. {@link #kinds()} holds the expanded names, in
 * catalogue order.
 *
 * @param count how many faults to draw, at least 1
 * @param kinds the kinds to draw from (expanded names from {@link #ALL_KINDS}), not empty
 */
public record RandomFaults(int count, Set<String> kinds) implements FaultSpec {

    /** The key under a {@code faults:} item. */
    public static final String TYPE = "random";

    /** The most faults one item may ask for; more would say more about the job's patience than its recovery. */
    public static final int MAX_COUNT = 1000;

    /** Every kind that keeps the model's assumptions (FIFO, reliable channels), in catalogue order. */
    public static final Set<String> SAFE_KINDS;

    /** The storage faults that damage a completed checkpoint; drawn only when asked for. */
    public static final Set<String> DAMAGE_KINDS;

    /** What an item draws from without {@code kinds}: the safe kinds a correctly configured job survives. */
    public static final Set<String> DEFAULT_KINDS;

    /** The name that stands for all of {@link #DAMAGE_KINDS}. */
    public static final String DAMAGE_GROUP = Faults.StorageFault.TYPE + ".damage";

    /** Kinds that break the model; drawn only when asked for by name. */
    public static final Set<String> MODEL_BREAKING_KINDS;

    /** Every kind name, safe ones first, in catalogue order. */
    public static final Set<String> ALL_KINDS;

    static {
        List<String> safe = new ArrayList<>(List.of(CrashFault.TYPE, Faults.CrashAt.TYPE, Faults.CrashOperator.TYPE,
                Faults.CrashTaskManager.TYPE, Faults.CrashCoordinator.TYPE));
        for (StorageKind kind : StorageKind.values()) {
            safe.add(qualified(Faults.StorageFault.TYPE, kind));
        }
        safe.add(qualified(Faults.NetworkFault.TYPE, NetworkKind.DELAY));
        safe.add(qualified(Faults.NetworkFault.TYPE, NetworkKind.STALL));
        safe.add(Faults.SinkCommitFails.TYPE);
        SAFE_KINDS = ordered(safe);
        List<String> damage = new ArrayList<>();
        for (StorageKind kind : StorageKind.values()) {
            if (kind.damagesCheckpoint()) {
                damage.add(qualified(Faults.StorageFault.TYPE, kind));
            }
        }
        DAMAGE_KINDS = ordered(damage);
        List<String> defaults = new ArrayList<>(SAFE_KINDS);
        defaults.removeAll(DAMAGE_KINDS);
        DEFAULT_KINDS = ordered(defaults);
        MODEL_BREAKING_KINDS = ordered(List.of(qualified(Faults.NetworkFault.TYPE, NetworkKind.DROP),
                qualified(Faults.NetworkFault.TYPE, NetworkKind.REORDER)));
        List<String> all = new ArrayList<>(SAFE_KINDS);
        all.addAll(MODEL_BREAKING_KINDS);
        ALL_KINDS = ordered(all);
    }

    public RandomFaults {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_COUNT + ": " + count);
        }
        for (String kind : kinds) {
            if (!ALL_KINDS.contains(kind)) {
                throw new IllegalArgumentException("unknown fault kind '" + kind + "'");
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("kinds must not be empty");
        }
        kinds = inCatalogueOrder(kinds);
    }

    /** {@code count} faults of the kinds drawn by default. */
    public RandomFaults(int count) {
        this(count, DEFAULT_KINDS);
    }

    /** The same kinds, another count. */
    public RandomFaults withCount(int newCount) {
        return new RandomFaults(newCount, kinds);
    }

    /**
     * The kind names a name in {@code kinds:} stands for: itself for a kind, the damage kinds for
     * {@link #DAMAGE_GROUP}, the default kinds of a type for a type name ({@code storage},
     * {@code network}); empty for an unknown name.
     */
    public static Set<String> expand(String name) {
        if (ALL_KINDS.contains(name)) {
            return Set.of(name);
        }
        if (name.equals(DAMAGE_GROUP)) {
            return DAMAGE_KINDS;
        }
        List<String> members = new ArrayList<>();
        for (String kind : DEFAULT_KINDS) {
            if (kind.startsWith(name + ".")) {
                members.add(kind);
            }
        }
        return ordered(members);
    }

    /** Every name {@link #expand} accepts: kinds and the types that group them. */
    public static Set<String> acceptedNames() {
        Set<String> names = new LinkedHashSet<>(ALL_KINDS);
        names.add(Faults.StorageFault.TYPE);
        names.add(DAMAGE_GROUP);
        names.add(Faults.NetworkFault.TYPE);
        return Collections.unmodifiableSet(names);
    }

    @Override
    public String type() {
        return TYPE;
    }

    static String qualified(String type, Enum<?> kind) {
        return type + "." + yamlName(kind);
    }

    /** An enum constant as simulation files spell it: lower case with hyphens. */
    static String yamlName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Set<String> inCatalogueOrder(Collection<String> kinds) {
        List<String> sorted = new ArrayList<>();
        for (String kind : ALL_KINDS) {
            if (kinds.contains(kind)) {
                sorted.add(kind);
            }
        }
        return ordered(sorted);
    }

    private static Set<String> ordered(Collection<String> names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }
}
